//! The pseudo-classes the matching engine answers from the page itself.

use std::fmt;

use cssparser::ToCss;

/// A pseudo-class without arguments whose answer depends on the page: form state, links,
/// custom-element definitions, open `<details>`/`<dialog>`.
///
/// The grammar reads `:any-link` and `:-webkit-any-link` as [`StateClass::Link`] (nothing
/// is visited on a server page, so all three match the same elements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StateClass {
    Link,
    Checked,
    Default,
    Defined,
    Disabled,
    Enabled,
    Indeterminate,
    InRange,
    OutOfRange,
    Valid,
    Invalid,
    Optional,
    Required,
    ReadOnly,
    ReadWrite,
    PlaceholderShown,
    Open,
}

impl StateClass {
    /// The canonical name (the grammar's table in [`super::names`] reads it back).
    pub(crate) fn name(self) -> &'static str {
        match self {
            StateClass::Link => "link",
            StateClass::Checked => "checked",
            StateClass::Default => "default",
            StateClass::Defined => "defined",
            StateClass::Disabled => "disabled",
            StateClass::Enabled => "enabled",
            StateClass::Indeterminate => "indeterminate",
            StateClass::InRange => "in-range",
            StateClass::OutOfRange => "out-of-range",
            StateClass::Valid => "valid",
            StateClass::Invalid => "invalid",
            StateClass::Optional => "optional",
            StateClass::Required => "required",
            StateClass::ReadOnly => "read-only",
            StateClass::ReadWrite => "read-write",
            StateClass::PlaceholderShown => "placeholder-shown",
            StateClass::Open => "open",
        }
    }
}

/// A pseudo-class whose answer depends on the page: the [`selectors`] crate's
/// `NonTSPseudoClass` of this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PseudoClass {
    /// One without arguments.
    State(StateClass),
    /// `:lang(range)`.
    Lang(Box<str>),
    /// `:dir(ident)`.
    Dir(Box<str>),
}

impl ToCss for PseudoClass {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        let (name, arg) = match self {
            PseudoClass::State(s) => (s.name(), None),
            PseudoClass::Lang(arg) => ("lang", Some(arg)),
            PseudoClass::Dir(arg) => ("dir", Some(arg)),
        };
        dest.write_char(':')?;
        dest.write_str(name)?;
        if let Some(arg) = arg {
            dest.write_char('(')?;
            cssparser::serialize_string(arg, dest)?;
            dest.write_char(')')?;
        }
        Ok(())
    }
}
