//! The benchmark; see README.
fn main() {}
