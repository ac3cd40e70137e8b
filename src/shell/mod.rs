//! The frame around every page: the status bar on top, the update banner, and
//! the bottom navigation within reach of a thumb; and what screens share
//! from it (the community's name, reading a text aloud); and locking a
//! shared device after the time without a touch its members chose.

mod auto_lock;
mod bottom_nav;
mod first_paint;
mod online;
mod place;
mod read_aloud;
mod router;
mod status_bar;
mod update_banner;

pub use auto_lock::start_auto_lock;
pub use bottom_nav::BottomNav;
pub use first_paint::{remember_signed_in, was_signed_in};
pub use online::use_online;
pub use place::CommunityPlace;
pub use read_aloud::ReadAloud;
pub use router::{is_current, provide_router, use_navigate, use_path};
pub use status_bar::{last_sync_text, StatusBar};
pub use update_banner::UpdateBanner;
