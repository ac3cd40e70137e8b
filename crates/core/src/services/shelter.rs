//! The bad-weather shelter: canteen staff or officers open the canteen's
//! rest area for heat, a storm or the cold, with what is on hand (hot
//! water, cooling tea, ginger tea, first-aid medicine); every member sees it
//! on the home page, offline too once synced, until it closes. Outdoor
//! workers (环卫工人 and others whose diner profile carries an
//! [`OUTDOOR_WORK_TAGS`] tag) can be pointed to it by name on their own
//! phones: the seed page's canteen opens its rest area for them first.

use serde::{Deserialize, Serialize};

use super::records::{self, Shelter, Weather};
use crate::members::{read, to_value};
use crate::rejection::{rejected, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;

pub const PLACE_MAX_CHARS: usize = 80;

/// The diner-profile tags of members who work outdoors.
pub const OUTDOOR_WORK_TAGS: [&str; 3] = ["sanitation_worker", "outdoor_worker", "delivery_rider"];

/// Whether the open `shelter` asks this member in: it is open, it points
/// outdoor workers to itself, and their tags say they work outdoors.
///
/// ```
/// use linli_core::services::shelter::points_to;
/// use linli_core::services::records::{Shelter, Weather};
/// let shelter = Shelter {
///     open: true, weather: Weather::Heat, place: "食堂休息区".into(), on_hand: String::new(),
///     outdoor_workers: true, opened_by: "m1".parse().unwrap(), opened_at: linli_core::Timestamp(0), closed_at: None,
/// };
/// assert!(points_to(&shelter, &["sanitation_worker".to_owned()]));
/// assert!(!points_to(&shelter, &["low_income".to_owned()]));
/// ```
pub fn points_to(shelter: &Shelter, tags: &[String]) -> bool {
    shelter.open
        && shelter.outdoor_workers
        && tags.iter().any(|tag| OUTDOOR_WORK_TAGS.contains(&tag.as_str()))
}
pub const ON_HAND_MAX_CHARS: usize = 300;

/// `openShelter`: opens it, or changes what an open one says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenShelter {
    pub weather: Weather,
    pub place: String,
    #[serde(default)]
    pub on_hand: String,
    /// Point outdoor workers to it on their phones.
    #[serde(default)]
    pub outdoor_workers: bool,
}

/// `closeShelter`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CloseShelter {}

pub async fn open_shelter(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &OpenShelter,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::SHELTER_KEY;
    let shelter = Shelter {
        open: true,
        weather: args.weather,
        place: text::required(&args.place, PLACE_MAX_CHARS, key)?,
        on_hand: text::optional(&args.on_hand, ON_HAND_MAX_CHARS, key)?,
        outdoor_workers: args.outdoor_workers,
        opened_by: actor.member.clone(),
        opened_at: now,
        closed_at: None,
    };
    tx.put(key, to_value(&shelter)).await?;
    Ok(())
}

pub async fn close_shelter(
    tx: &mut impl Tx,
    _actor: &Actor,
    _args: &CloseShelter,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::SHELTER_KEY;
    let mut shelter: Shelter = read(tx, key).await?;
    if !shelter.open {
        return Err(rejected(RejectionCode::WrongStage, key));
    }
    shelter.open = false;
    shelter.closed_at = Some(now);
    tx.put(key, to_value(&shelter)).await?;
    Ok(())
}
