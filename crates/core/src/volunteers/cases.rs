//! The case chain (巡查—上报—处置—反馈): a report, accepted by the grid
//! worker, handled, and closed with feedback to the reporter; a case the grid
//! cannot close is escalated to the community, whose officers take it on.

use serde::{Deserialize, Serialize};

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Reported,
    Accepted,
    Handled,
    Escalated,
    Closed,
}

/// A step someone takes on a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseAction {
    /// The grid worker (or, for an escalated case, the community) takes it on.
    Accept,
    /// What was done about it.
    Handle,
    /// The answer to the reporter; closes the case.
    Feedback,
    /// Beyond the grid: handed to the community.
    Escalate,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::Reported,
        CaseStatus::Accepted,
        CaseStatus::Handled,
        CaseStatus::Escalated,
        CaseStatus::Closed,
    ];

    /// The status after `action`, or `None` if the step is not allowed here.
    pub fn after(self, action: CaseAction) -> Option<CaseStatus> {
        use CaseAction::*;
        use CaseStatus::*;
        match (self, action) {
            (Reported | Escalated, Accept) => Some(Accepted),
            (Accepted, Handle) => Some(Handled),
            (Handled, Feedback) => Some(Closed),
            (Reported | Accepted, Escalate) => Some(Escalated),
            _ => None,
        }
    }

    /// Whether only the community (officers, admins) may take `action` here:
    /// an escalated case has left the grid.
    pub fn needs_community(self) -> bool {
        self == CaseStatus::Escalated
    }

    pub fn is_open(self) -> bool {
        self != CaseStatus::Closed
    }
}

impl CaseAction {
    pub const ALL: [CaseAction; 4] = [
        CaseAction::Accept,
        CaseAction::Handle,
        CaseAction::Feedback,
        CaseAction::Escalate,
    ];
}

#[cfg(test)]
mod tests {
    use super::CaseAction::*;
    use super::CaseStatus::*;
    use super::*;

    #[test]
    fn every_legal_and_illegal_transition() {
        let legal = [
            (Reported, Accept, Accepted),
            (Reported, Escalate, Escalated),
            (Accepted, Handle, Handled),
            (Accepted, Escalate, Escalated),
            (Handled, Feedback, Closed),
            (Escalated, Accept, Accepted),
        ];
        for status in CaseStatus::ALL {
            for action in CaseAction::ALL {
                let expected = legal
                    .iter()
                    .find(|(from, by, _)| *from == status && *by == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(status.after(action), expected, "{status:?} + {action:?}");
            }
        }
        assert!(!Closed.is_open());
        assert!(Escalated.needs_community());
    }

    #[test]
    fn the_whole_chain_reaches_closed() {
        let closed = [Accept, Handle, Feedback]
            .into_iter()
            .try_fold(Reported, |status, action| status.after(action));
        assert_eq!(closed, Some(Closed));
        let via_community = [Escalate, Accept, Handle, Feedback]
            .into_iter()
            .try_fold(Reported, |status, action| status.after(action));
        assert_eq!(via_community, Some(Closed));
    }
}
