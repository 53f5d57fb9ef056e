//! Live state of form controls: what the browser keeps beside the attributes.
//!
//! An `<input>`'s value and checkedness, an `<option>`'s selectedness and a `<textarea>`'s raw
//! value start out derived from the markup. A write through the DOM properties
//! (`input.value = …`, `input.checked = …`, `option.selected = …`) sets the state and its
//! *dirty* flag, after which attribute changes no longer reach the state. None of this is
//! serialized, exactly as in the browser; the morph reads and writes it (idiomorph syncs the
//! live properties, morph.md §2.13 and §3.4 item 3).
//!
//! A field left at `None` means "not set by anyone: derive it from the attributes".

/// The live state of one form control. Stored on an element only after something wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormState {
    /// The current value of an `<input>` or the raw value of a `<textarea>`, once set.
    pub value: Option<String>,
    /// Set once the value was written through the `value` property (the "dirty value flag").
    pub value_dirty: bool,
    /// The checkedness of a checkbox or radio button, once set.
    pub checkedness: Option<bool>,
    /// Set once checkedness was written through the `checked` property ("dirty checkedness").
    pub checkedness_dirty: bool,
    /// The selectedness of an `<option>`, once set (by a write or by its `<select>`'s
    /// selectedness setting algorithm).
    pub selectedness: Option<bool>,
    /// Set once selectedness was written through the `selected` property ("dirtiness").
    pub selectedness_dirty: bool,
}
