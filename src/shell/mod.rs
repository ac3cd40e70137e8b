//! The frame around every page: the status bar on top, the update banner, and
//! the bottom navigation within reach of a thumb.

mod bottom_nav;
mod online;
mod place;
mod status_bar;
mod update_banner;

pub use bottom_nav::BottomNav;
pub use online::use_online;
pub use place::CommunityPlace;
pub use status_bar::{last_sync_text, StatusBar};
pub use update_banner::UpdateBanner;
