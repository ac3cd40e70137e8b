//! The bad-weather shelter: canteen staff or officers open the canteen's
//! rest area for heat, a storm or the cold, with what is on hand (hot
//! water, cooling tea, ginger tea, first-aid medicine); every member sees it
//! on the home page, offline too once synced, until it closes.

use serde::{Deserialize, Serialize};

use super::records::{self, Shelter, Weather};
use crate::members::{read, to_value};
use crate::rejection::{rejected, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;

pub const PLACE_MAX_CHARS: usize = 80;
pub const ON_HAND_MAX_CHARS: usize = 300;

/// `openShelter`: opens it, or changes what an open one says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenShelter {
    pub weather: Weather,
    pub place: String,
    #[serde(default)]
    pub on_hand: String,
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
