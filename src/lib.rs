#![doc = include_str!("../README.md")]
#![warn(missing_docs, missing_debug_implementations)]

pub mod dom;
pub mod morph;
pub mod page;
pub mod parse;
pub mod select;
pub mod stream;

pub use dom::{Attribute, Document, DomError, ElementData, Fragment, NodeData, NodeId};
pub use page::Page;
pub use stream::{Applied, Message, StreamError};
