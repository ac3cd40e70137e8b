//! The community's name under a module's title, as the server keeps it, so
//! that a screen never names another community.

use leptos::prelude::*;

use crate::sync::use_community;

/// The signed-in member's community, with its district; nothing before a
/// member has joined (or for a session from before the server sent names).
///
/// ## Usage
/// ```no_run
/// # use leptos::prelude::*;
/// # use linli::shell::CommunityPlace;
/// let title = view! { <h1>"食堂"</h1> <CommunityPlace /> };
/// ```
#[component]
pub fn CommunityPlace() -> impl IntoView {
    let community = use_community();
    move || {
        community
            .session
            .get()
            .and_then(|session| session.community_name)
            .filter(|name| !name.zh.is_empty())
            .map(|name| view! { <p class="place" data-testid="community-place">{name.in_current_lang().to_owned()}</p> })
    }
}
