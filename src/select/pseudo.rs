//! The pseudo-classes the matching engine answers from the page itself.

use std::fmt;

use cssparser::ToCss;

/// A pseudo-class whose answer depends on the page: form state, links, language,
/// directionality, custom-element definitions, open `<details>`/`<dialog>`.
///
/// The grammar maps `:any-link` and `:-webkit-any-link` to [`PseudoClass::Link`] (nothing
/// is visited on a server page, so all three match the same elements).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PseudoClass {
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
    /// `:lang(range)`.
    Lang(Box<str>),
    /// `:dir(ident)`.
    Dir(Box<str>),
}

impl PseudoClass {
    /// The canonical name of a pseudo-class without arguments.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            PseudoClass::Link => "link",
            PseudoClass::Checked => "checked",
            PseudoClass::Default => "default",
            PseudoClass::Defined => "defined",
            PseudoClass::Disabled => "disabled",
            PseudoClass::Enabled => "enabled",
            PseudoClass::Indeterminate => "indeterminate",
            PseudoClass::InRange => "in-range",
            PseudoClass::OutOfRange => "out-of-range",
            PseudoClass::Valid => "valid",
            PseudoClass::Invalid => "invalid",
            PseudoClass::Optional => "optional",
            PseudoClass::Required => "required",
            PseudoClass::ReadOnly => "read-only",
            PseudoClass::ReadWrite => "read-write",
            PseudoClass::PlaceholderShown => "placeholder-shown",
            PseudoClass::Open => "open",
            PseudoClass::Lang(_) => "lang",
            PseudoClass::Dir(_) => "dir",
        }
    }

    /// Reads back a name written by [`PseudoClass::name`] (arguments aside).
    pub(crate) fn from_name(name: &str) -> Option<PseudoClass> {
        Some(match name {
            "link" => PseudoClass::Link,
            "checked" => PseudoClass::Checked,
            "default" => PseudoClass::Default,
            "defined" => PseudoClass::Defined,
            "disabled" => PseudoClass::Disabled,
            "enabled" => PseudoClass::Enabled,
            "indeterminate" => PseudoClass::Indeterminate,
            "in-range" => PseudoClass::InRange,
            "out-of-range" => PseudoClass::OutOfRange,
            "valid" => PseudoClass::Valid,
            "invalid" => PseudoClass::Invalid,
            "optional" => PseudoClass::Optional,
            "required" => PseudoClass::Required,
            "read-only" => PseudoClass::ReadOnly,
            "read-write" => PseudoClass::ReadWrite,
            "placeholder-shown" => PseudoClass::PlaceholderShown,
            "open" => PseudoClass::Open,
            _ => return None,
        })
    }
}

impl ToCss for PseudoClass {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        dest.write_char(':')?;
        dest.write_str(self.name())?;
        match self {
            PseudoClass::Lang(arg) | PseudoClass::Dir(arg) => {
                dest.write_char('(')?;
                cssparser::serialize_string(arg, dest)?;
                dest.write_char(')')
            }
            _ => Ok(()),
        }
    }
}
