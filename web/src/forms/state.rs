//! The state of a form component: the draft being typed and whether the
//! clerk has tried to send it (from then on, messages follow the fields as
//! they are corrected), changed through one reducer.

use std::rc::Rc;

use yew::Reducible;

/// A draft that changes one edit at a time (`forms::IntakeForm`,
/// `forms::RouteForm`).
pub trait Editable: Clone {
    /// One change the clerk makes.
    type Edit;
    /// Applies one change.
    fn edit(&mut self, edit: Self::Edit);
}

/// A form's draft and whether sending it was tried.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState<F> {
    /// What was typed.
    pub draft: F,
    /// Whether the clerk tried to send it.
    pub tried: bool,
}

impl<F> FormState<F> {
    /// A fresh form: nothing tried yet.
    pub fn new(draft: F) -> Self {
        FormState { draft, tried: false }
    }
}

/// What can happen to a [`FormState`].
#[derive(Debug)]
pub enum FormMsg<E> {
    /// The clerk changed a field.
    Edit(E),
    /// The clerk tried to send the form and it was refused.
    Tried,
}

impl<F: Editable> Reducible for FormState<F> {
    type Action = FormMsg<F::Edit>;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormMsg::Edit(edit) => next.draft.edit(edit),
            FormMsg::Tried => next.tried = true,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Count(u32);

    impl Editable for Count {
        type Edit = u32;
        fn edit(&mut self, edit: u32) {
            self.0 += edit;
        }
    }

    #[test]
    fn edits_change_the_draft_and_a_try_is_remembered() {
        let state = Rc::new(FormState::new(Count(1)));
        let state = state.reduce(FormMsg::Edit(2));
        assert_eq!(*state, FormState { draft: Count(3), tried: false });
        let state = state.reduce(FormMsg::Tried).reduce(FormMsg::Edit(1));
        assert_eq!(*state, FormState { draft: Count(4), tried: true });
    }
}
