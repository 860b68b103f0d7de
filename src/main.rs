#[tokio::main]
async fn main() -> std::process::ExitCode {
    refdesk::cli::main().await
}
