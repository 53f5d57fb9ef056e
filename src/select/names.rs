//! The pseudo-class and pseudo-element names Chromium 156 accepts in `querySelectorAll`, and
//! which of them may follow which pseudo-element.
//!
//! The tables come from Blink's `css_selector.cc` / `css_selector_parser.cc`, trimmed to what
//! the oracle showed valid in Chromium 156 (features behind disabled runtime flags, such as
//! `:closed`, `:paused`, `:has-slotted`, `:heading`, string and list arguments of `:lang()`
//! and the `s` attribute flag, are rejected there, so here too).

use super::ast::Structural;
use super::pseudo::StateClass;

/// A pseudo-class Chromium knows (in author style sheets), by its lower-cased name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pc {
    /// `:first-child`, `:root`, `:scope`, … (the type the AST keeps).
    Structural(Structural),
    /// Answered from the page (the type the AST keeps).
    State(StateClass),
    // Never true on a server page.
    Active,
    ActiveViewTransition,
    Autofill,
    AutofillPreviewed,
    AutofillSelected,
    WebkitAutofill,
    CornerPresent,
    Current,
    Decrement,
    DialogInTopLayer,
    DoubleButton,
    Drag,
    End,
    Focus,
    FocusVisible,
    FocusWithin,
    FullPageMedia,
    FullScreen,
    FullScreenAncestor,
    Fullscreen,
    Future,
    Granted,
    Horizontal,
    Host,
    Hover,
    Increment,
    InterestSource,
    InterestTarget,
    Modal,
    NoButton,
    Past,
    PictureInPicture,
    PopoverInTopLayer,
    PopoverOpen,
    RelativeAnchor,
    SingleButton,
    Start,
    Target,
    TargetAfter,
    TargetBefore,
    TargetCurrent,
    UserInvalid,
    UserValid,
    Vertical,
    Visited,
    WindowInactive,
    XrOverlay,
    // Functional.
    Any,
    ActiveViewTransitionType,
    Dir,
    Has,
    HostFn,
    HostContext,
    Is,
    Lang,
    Not,
    NthChild,
    NthLastChild,
    NthLastOfType,
    NthOfType,
    /// `:state()`, a custom element's custom state.
    CustomState,
    Where,
    /// `&`, the nesting selector.
    Parent,
}

/// A pseudo-element Chromium knows, by its lower-cased name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pe {
    After,
    Backdrop,
    Before,
    Checkmark,
    Column,
    Cue,
    DetailsContent,
    FileSelectorButton,
    FirstLetter,
    FirstLine,
    GrammarError,
    Marker,
    PermissionIcon,
    PickerIcon,
    Placeholder,
    Resizer,
    ScrollMarker,
    ScrollMarkerGroup,
    Scrollbar,
    ScrollbarButton,
    ScrollbarCorner,
    ScrollbarThumb,
    ScrollbarTrack,
    ScrollbarTrackPiece,
    SearchText,
    Selection,
    SpellingError,
    TargetText,
    ViewTransition,
    /// Any other `::-webkit-*` name (Blink accepts them all, for compatibility).
    WebkitCustom,
    // Functional.
    CueFn,
    Highlight,
    Part,
    Picker,
    ScrollButton,
    Slotted,
    ViewTransitionGroup,
    ViewTransitionGroupChildren,
    ViewTransitionImagePair,
    ViewTransitionNew,
    ViewTransitionOld,
}

/// What a `:name` / `:name(` / `::name` / `::name(` token pair is, or `None` if Chromium
/// rejects it. `name` is as written (escapes resolved); the lookup is ASCII-case-insensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pseudo {
    Class(Pc),
    Element(Pe),
}

/// Looks up a pseudo name the way Blink's `CSSSelector::UpdatePseudoType` does.
pub(crate) fn lookup(name: &str, double_colon: bool, function: bool) -> Option<Pseudo> {
    if !name.is_ascii() {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let n = lower.as_str();
    if function {
        if double_colon {
            pseudo_element_fn(n).map(Pseudo::Element)
        } else {
            pseudo_class_fn(n).map(Pseudo::Class)
        }
    } else if double_colon {
        pseudo_element(n).map(Pseudo::Element)
    } else if let Some(pc) = pseudo_class(n) {
        Some(Pseudo::Class(pc))
    } else {
        // The CSS 2 pseudo-elements keep their single-colon spelling.
        match n {
            "before" => Some(Pseudo::Element(Pe::Before)),
            "after" => Some(Pseudo::Element(Pe::After)),
            "first-letter" => Some(Pseudo::Element(Pe::FirstLetter)),
            "first-line" => Some(Pseudo::Element(Pe::FirstLine)),
            _ => None,
        }
    }
}

fn pseudo_class(n: &str) -> Option<Pc> {
    use super::ast::Structural as S;
    use super::pseudo::StateClass as St;
    use Pc::*;
    Some(match n {
        "first-child" => Structural(S::FirstChild),
        "last-child" => Structural(S::LastChild),
        "only-child" => Structural(S::OnlyChild),
        "first-of-type" => Structural(S::FirstOfType),
        "last-of-type" => Structural(S::LastOfType),
        "only-of-type" => Structural(S::OnlyOfType),
        "root" => Structural(S::Root),
        "empty" => Structural(S::Empty),
        "scope" => Structural(S::Scope),
        "link" | "any-link" | "-webkit-any-link" => State(St::Link),
        "checked" => State(St::Checked),
        "default" => State(St::Default),
        "defined" => State(St::Defined),
        "disabled" => State(St::Disabled),
        "enabled" => State(St::Enabled),
        "indeterminate" => State(St::Indeterminate),
        "in-range" => State(St::InRange),
        "out-of-range" => State(St::OutOfRange),
        "valid" => State(St::Valid),
        "invalid" => State(St::Invalid),
        "optional" => State(St::Optional),
        "required" => State(St::Required),
        "read-only" => State(St::ReadOnly),
        "read-write" => State(St::ReadWrite),
        "placeholder-shown" => State(St::PlaceholderShown),
        "open" => State(St::Open),
        "active" => Active,
        "active-view-transition" => ActiveViewTransition,
        "autofill" => Autofill,
        "-internal-autofill-previewed" => AutofillPreviewed,
        "-internal-autofill-selected" => AutofillSelected,
        "-webkit-autofill" => WebkitAutofill,
        "corner-present" => CornerPresent,
        "current" => Current,
        "decrement" => Decrement,
        "-internal-dialog-in-top-layer" => DialogInTopLayer,
        "double-button" => DoubleButton,
        "-webkit-drag" => Drag,
        "end" => End,
        "focus" => Focus,
        "focus-visible" => FocusVisible,
        "focus-within" => FocusWithin,
        "-webkit-full-page-media" => FullPageMedia,
        "-webkit-full-screen" => FullScreen,
        "-webkit-full-screen-ancestor" => FullScreenAncestor,
        "fullscreen" => Fullscreen,
        "future" => Future,
        "granted" => Granted,
        "horizontal" => Horizontal,
        "host" => Host,
        "hover" => Hover,
        "increment" => Increment,
        "interest-source" => InterestSource,
        "interest-target" => InterestTarget,
        "modal" => Modal,
        "no-button" => NoButton,
        "past" => Past,
        "picture-in-picture" => PictureInPicture,
        "-internal-popover-in-top-layer" => PopoverInTopLayer,
        "popover-open" => PopoverOpen,
        "-internal-relative-anchor" => RelativeAnchor,
        "single-button" => SingleButton,
        "start" => Start,
        "target" => Target,
        "target-after" => TargetAfter,
        "target-before" => TargetBefore,
        "target-current" => TargetCurrent,
        "user-invalid" => UserInvalid,
        "user-valid" => UserValid,
        "vertical" => Vertical,
        "visited" => Visited,
        "window-inactive" => WindowInactive,
        "xr-overlay" => XrOverlay,
        _ => return None,
    })
}

fn pseudo_class_fn(n: &str) -> Option<Pc> {
    use Pc::*;
    Some(match n {
        "-webkit-any" => Any,
        "active-view-transition-type" => ActiveViewTransitionType,
        "dir" => Dir,
        "has" => Has,
        "host" => HostFn,
        "host-context" => HostContext,
        "is" => Is,
        "lang" => Lang,
        "not" => Not,
        "nth-child" => NthChild,
        "nth-last-child" => NthLastChild,
        "nth-last-of-type" => NthLastOfType,
        "nth-of-type" => NthOfType,
        "state" => CustomState,
        "where" => Where,
        _ => return None,
    })
}

fn pseudo_element(n: &str) -> Option<Pe> {
    use Pe::*;
    Some(match n {
        "after" => After,
        "backdrop" => Backdrop,
        "before" => Before,
        "checkmark" => Checkmark,
        "column" => Column,
        "cue" => Cue,
        "details-content" => DetailsContent,
        "file-selector-button" => FileSelectorButton,
        "first-letter" => FirstLetter,
        "first-line" => FirstLine,
        "grammar-error" => GrammarError,
        "marker" => Marker,
        "permission-icon" => PermissionIcon,
        "picker-icon" => PickerIcon,
        "placeholder" => Placeholder,
        "-webkit-resizer" => Resizer,
        "scroll-marker" => ScrollMarker,
        "scroll-marker-group" => ScrollMarkerGroup,
        "-webkit-scrollbar" => Scrollbar,
        "-webkit-scrollbar-button" => ScrollbarButton,
        "-webkit-scrollbar-corner" => ScrollbarCorner,
        "-webkit-scrollbar-thumb" => ScrollbarThumb,
        "-webkit-scrollbar-track" => ScrollbarTrack,
        "-webkit-scrollbar-track-piece" => ScrollbarTrackPiece,
        "search-text" => SearchText,
        "selection" => Selection,
        "spelling-error" => SpellingError,
        "target-text" => TargetText,
        "view-transition" => ViewTransition,
        "-internal-media-controls-overlay-cast-button" => WebkitCustom,
        // Names Blink knows as pseudo-classes are not custom pseudo-elements.
        _ if n.starts_with("-webkit-") && pseudo_class(n).is_none() => WebkitCustom,
        _ => return None,
    })
}

fn pseudo_element_fn(n: &str) -> Option<Pe> {
    use Pe::*;
    Some(match n {
        "cue" => CueFn,
        "highlight" => Highlight,
        "part" => Part,
        "picker" => Picker,
        "scroll-button" => ScrollButton,
        "slotted" => Slotted,
        "view-transition-group" => ViewTransitionGroup,
        "view-transition-group-children" => ViewTransitionGroupChildren,
        "view-transition-image-pair" => ViewTransitionImagePair,
        "view-transition-new" => ViewTransitionNew,
        "view-transition-old" => ViewTransitionOld,
        _ => return None,
    })
}

impl Pe {
    /// Blink's `IsTreeAbidingPseudoElement` (what may follow `::slotted()`).
    fn is_tree_abiding(self) -> bool {
        use Pe::*;
        matches!(
            self,
            Before
                | After
                | Marker
                | Placeholder
                | FileSelectorButton
                | Backdrop
                | ViewTransition
                | ViewTransitionGroup
                | ViewTransitionImagePair
                | ViewTransitionOld
                | ViewTransitionNew
                | DetailsContent
                | Picker
        )
    }

    /// Pseudo-elements backed by a real element, after which the `::part()` rules apply.
    fn is_element_backed(self) -> bool {
        matches!(self, Pe::DetailsContent | Pe::Picker)
    }

    fn is_scrollbar(self) -> bool {
        use Pe::*;
        matches!(
            self,
            Resizer
                | Scrollbar
                | ScrollbarButton
                | ScrollbarCorner
                | ScrollbarThumb
                | ScrollbarTrack
                | ScrollbarTrackPiece
        )
    }

    fn is_view_transition_part(self) -> bool {
        use Pe::*;
        matches!(
            self,
            ViewTransitionGroup
                | ViewTransitionGroupChildren
                | ViewTransitionImagePair
                | ViewTransitionOld
                | ViewTransitionNew
        )
    }
}

impl Pc {
    fn is_user_action(self) -> bool {
        matches!(
            self,
            Pc::Hover | Pc::Focus | Pc::FocusVisible | Pc::FocusWithin | Pc::Active
        )
    }

    /// The pseudo-classes that only describe scrollbar parts (`:horizontal`,
    /// `:double-button`, …).
    fn is_scrollbar_part_state(self) -> bool {
        use Pc::*;
        matches!(
            self,
            Horizontal
                | Vertical
                | Decrement
                | Increment
                | Start
                | End
                | DoubleButton
                | SingleButton
                | NoButton
                | CornerPresent
        )
    }

    /// What may follow a scrollbar pseudo-element.
    fn is_scrollbar_state(self) -> bool {
        self.is_scrollbar_part_state()
            || matches!(
                self,
                Pc::State(StateClass::Enabled | StateClass::Disabled)
                    | Pc::Hover
                    | Pc::Active
                    | Pc::WindowInactive
            )
    }

    /// Blink's `CSSSelector::IsAllowedAfterPart` for pseudo-classes (with the
    /// `CSSPartAllowsMoreSelectorsAfter` feature on, as in Chromium 156).
    fn is_allowed_after_part(self) -> bool {
        use Pc::*;
        !(self.is_scrollbar_part_state()
            || matches!(
                self,
                Any | Parent
                    | Current
                    | Structural(_)
                    | NthChild
                    | NthLastChild
                    | NthLastOfType
                    | NthOfType
                    | Has
                    | Host
                    | HostFn
                    | HostContext
            ))
    }
}

/// Blink's `IsSimpleSelectorValidAfterPseudoElement`: may `simple` follow the pseudo-element
/// `after` in the same compound?
pub(crate) fn valid_after_pseudo_element(simple: SimpleKind, after: Pe) -> bool {
    match after {
        Pe::Column => return simple == SimpleKind::Element(Pe::ScrollMarker),
        Pe::Before | Pe::After if simple == SimpleKind::Element(Pe::Marker) => return true,
        Pe::Slotted => {
            return matches!(simple, SimpleKind::Element(pe) if pe.is_tree_abiding());
        }
        _ => {}
    }
    if after == Pe::Part || after.is_element_backed() {
        let allowed = match simple {
            SimpleKind::Element(pe) => !matches!(pe, Pe::Slotted | Pe::Part),
            SimpleKind::Class(pc) => pc.is_allowed_after_part(),
            SimpleKind::Other => false,
        };
        if allowed {
            return true;
        }
    }
    let SimpleKind::Class(pc) = simple else {
        return false;
    };
    if matches!(pc, Pc::Is | Pc::Where | Pc::Not) {
        return true;
    }
    if pc.is_user_action()
        && matches!(
            after,
            Pe::ScrollButton | Pe::ScrollMarker | Pe::ScrollMarkerGroup
        )
    {
        return true;
    }
    match after {
        pe if pe.is_scrollbar() => pc.is_scrollbar_state(),
        Pe::Selection => pc == Pc::WindowInactive,
        Pe::WebkitCustom | Pe::FileSelectorButton => pc.is_user_action(),
        pe if pe.is_view_transition_part() => pc == Pc::Structural(Structural::OnlyChild),
        Pe::SearchText => pc == Pc::Current,
        Pe::ScrollMarkerGroup => pc == Pc::FocusWithin,
        Pe::ScrollMarker => matches!(pc, Pc::TargetCurrent | Pc::TargetBefore | Pc::TargetAfter),
        Pe::ScrollButton => matches!(pc, Pc::State(StateClass::Disabled | StateClass::Enabled)),
        _ => false,
    }
}

/// The kind of a simple selector, as the pseudo-element rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SimpleKind {
    /// A pseudo-class (including `&`).
    Class(Pc),
    /// A pseudo-element.
    Element(Pe),
    /// An id, class or attribute selector.
    Other,
}
