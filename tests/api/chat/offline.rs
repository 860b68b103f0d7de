//! Outside hours or with nobody online: the offline form.
