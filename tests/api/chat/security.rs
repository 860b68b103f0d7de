//! Who may open a chat, and what one patron can never see of another.
