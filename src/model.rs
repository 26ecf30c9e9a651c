//! Types every stage after extraction shares: what kind of thing a node is, and which
//! actor a node stands for. The graph, the queries and every exporter ask these here,
//! so the answer is written once.

use crate::error::{Error, Result};

pub use crate::extract::{Evidence, NodeRef};
pub use crate::graph::{Polarity, Relation};

/// What a node is. The JSON keeps the snake_case name (`de_facto_government`); people
/// read [`NodeKind::label`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A sovereign state.
    State,
    /// A government in control without general recognition.
    DeFactoGovernment,
    /// An international or national organisation.
    Organization,
    /// A negotiating format or grouping of states ("the Quad").
    Format,
    /// An armed group.
    ArmedGroup,
    /// A party or political movement.
    PoliticalGroup,
    /// A named person.
    Person,
    /// A news outlet: it reports, it takes no side.
    Media,
    /// Not an actor: what a statement with no counterpart actor is aimed at, so that
    /// every attributed quote is an edge that graph tools can read.
    Topic,
}

impl NodeKind {
    /// Every kind, in the order lists show them.
    pub const ALL: [NodeKind; 9] = [
        NodeKind::State,
        NodeKind::DeFactoGovernment,
        NodeKind::Organization,
        NodeKind::Format,
        NodeKind::ArmedGroup,
        NodeKind::PoliticalGroup,
        NodeKind::Person,
        NodeKind::Media,
        NodeKind::Topic,
    ];

    /// The name the files use.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::State => "state",
            NodeKind::DeFactoGovernment => "de_facto_government",
            NodeKind::Organization => "organization",
            NodeKind::Format => "format",
            NodeKind::ArmedGroup => "armed_group",
            NodeKind::PoliticalGroup => "political_group",
            NodeKind::Person => "person",
            NodeKind::Media => "media",
            NodeKind::Topic => "topic",
        }
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            NodeKind::State => "state",
            NodeKind::DeFactoGovernment => "de facto government",
            NodeKind::Organization => "organisation",
            NodeKind::Format => "format",
            NodeKind::ArmedGroup => "armed group",
            NodeKind::PoliticalGroup => "political group",
            NodeKind::Person => "person",
            NodeKind::Media => "news outlet",
            NodeKind::Topic => "topic",
        }
    }

    /// The kind a file names; `None` for a name that is not one.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The kind of a node whose kind string came from a file. An unknown name (a graph
    /// written by a newer version) is drawn and counted as a collective actor.
    pub fn of(name: &str) -> Self {
        Self::parse(name).unwrap_or(NodeKind::Organization)
    }

    /// A collective actor: takes sides in its own name.
    pub fn is_actor(self) -> bool {
        !matches!(self, NodeKind::Person | NodeKind::Media | NodeKind::Topic)
    }

    /// The valid names, for error messages.
    pub fn names() -> String {
        Self::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// The CAMEO-like event types a cue gives its edges. The JSON and the cue files carry
/// them by [`EventType::as_str`] (`intend_cooperate`); `--type` takes the same names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    /// A quoted statement.
    Statement,
    /// A call or appeal ("urged").
    Appeal,
    /// A stated will to cooperate ("pledged to work with").
    IntendCooperate,
    /// Talks and visits.
    Consult,
    /// Diplomatic support ("welcomed", "recognised").
    DiplomaticCooperation,
    /// Material cooperation (trade, joint operations).
    MaterialCooperation,
    /// Aid given.
    Aid,
    /// Giving way ("released", "eased").
    Yield,
    /// A demand.
    Demand,
    /// Criticism ("condemned").
    Disapprove,
    /// A refusal ("rejected").
    Reject,
    /// A threat.
    Threaten,
    /// Protest.
    Protest,
    /// A show of force.
    Posture,
    /// Ties cut or cooled.
    ReduceRelations,
    /// Coercion (sanctions, arrests).
    Coerce,
    /// An attack.
    Assault,
    /// Fighting.
    Fight,
}

impl EventType {
    /// Every type, in the order lists show them.
    pub const ALL: [EventType; 18] = [
        EventType::Statement,
        EventType::Appeal,
        EventType::IntendCooperate,
        EventType::Consult,
        EventType::DiplomaticCooperation,
        EventType::MaterialCooperation,
        EventType::Aid,
        EventType::Yield,
        EventType::Demand,
        EventType::Disapprove,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Posture,
        EventType::ReduceRelations,
        EventType::Coerce,
        EventType::Assault,
        EventType::Fight,
    ];

    /// The name the files use.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventType::Statement => "statement",
            EventType::Appeal => "appeal",
            EventType::IntendCooperate => "intend_cooperate",
            EventType::Consult => "consult",
            EventType::DiplomaticCooperation => "diplomatic_cooperation",
            EventType::MaterialCooperation => "material_cooperation",
            EventType::Aid => "aid",
            EventType::Yield => "yield",
            EventType::Demand => "demand",
            EventType::Disapprove => "disapprove",
            EventType::Reject => "reject",
            EventType::Threaten => "threaten",
            EventType::Protest => "protest",
            EventType::Posture => "posture",
            EventType::ReduceRelations => "reduce_relations",
            EventType::Coerce => "coerce",
            EventType::Assault => "assault",
            EventType::Fight => "fight",
        }
    }

    /// The type a file names; `None` for a name that is not one.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The Goldstein score a negated cue takes when negation turns it into this type
    /// ("will not allow" a demand is a rejection).
    pub fn negated_goldstein(self) -> f64 {
        match self {
            EventType::Reject => -4.0,
            EventType::Disapprove => -2.0,
            EventType::Demand => -5.0,
            EventType::Threaten => -6.0,
            _ => -1.0,
        }
    }
}

/// Every [`EventType`]'s name, in [`EventType::ALL`]'s order (for lists and messages).
pub const EVENT_TYPES: &[&str] = &{
    let mut names = [""; EventType::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = EventType::ALL[i].as_str();
        i += 1;
    }
    names
};

/// The actor a node stands for: a collective actor itself, a person the actor they
/// speak for (if known), a news outlet nobody.
pub fn camp<'a>(id: &'a str, kind: &str, affiliation: Option<&'a str>) -> Option<&'a str> {
    match NodeKind::of(kind) {
        NodeKind::Person => affiliation,
        NodeKind::Media | NodeKind::Topic => None,
        _ => Some(id),
    }
}

/// Checks the `kind` of every `[[actor]]` in a user's actors file, so a typo
/// (`kind = "statee"`) is an error naming the valid kinds instead of a silently odd
/// node. The rest of the file is the lexicon's to check.
pub fn check_actor_kinds(path: &str, text: &str) -> Result<()> {
    let Ok(value) = text.parse::<toml::Table>() else { return Ok(()) };
    let Some(actors) = value.get("actor").and_then(|a| a.as_array()) else { return Ok(()) };
    for (i, actor) in actors.iter().enumerate() {
        let Some(kind) = actor.get("kind").and_then(|k| k.as_str()) else { continue };
        if !NodeKind::parse(kind).is_some_and(|k| k.is_actor() || k == NodeKind::Media) {
            let id = actor.get("id").and_then(|v| v.as_str()).unwrap_or("?");
            let valid: Vec<&str> =
                NodeKind::ALL.iter().filter(|k| k.is_actor() || **k == NodeKind::Media).map(|k| k.as_str()).collect();
            return Err(Error::Lexicon {
                path: path.into(),
                message: format!("actor {} ('{id}'): unknown kind '{kind}' (known: {})", i + 1, valid.join(", ")),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_round_trip_by_name() {
        assert_eq!(EVENT_TYPES.len(), EventType::ALL.len());
        for (t, name) in EventType::ALL.into_iter().zip(EVENT_TYPES) {
            assert_eq!(EventType::parse(name), Some(t));
        }
        assert_eq!(EventType::parse("intend_cooperate"), Some(EventType::IntendCooperate));
        assert_eq!(EventType::parse("hug"), None);
    }

    #[test]
    fn kinds_round_trip_and_people_fold_into_their_actor() {
        for k in NodeKind::ALL {
            assert_eq!(NodeKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(camp("p", "person", Some("a")), Some("a"));
        assert_eq!(camp("m", "media", None), None);
        assert_eq!(camp("x", "state", None), Some("x"));
    }

    #[test]
    fn a_misspelt_kind_is_refused_with_the_list() {
        let text = "[[actor]]\nid = \"x\"\nlabel = \"X\"\nkind = \"statee\"\n";
        let err = check_actor_kinds("mine.toml", text).expect_err("refused").to_string();
        assert!(err.contains("mine.toml") && err.contains("statee") && err.contains("armed_group"), "{err}");
        assert!(check_actor_kinds("ok.toml", "[[actor]]\nid = \"x\"\nlabel = \"X\"\nkind = \"state\"\n").is_ok());
    }
}
