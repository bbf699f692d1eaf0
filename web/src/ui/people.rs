//! People of the organisation as the forms and lists show them: a name, a
//! label with unit and post, the leaders and staff a select offers.

use xinfang_core::{Organisation, Person, PersonId, Role};
use yew::prelude::*;

/// `于振华（县人民政府 副县长（分管信访））`: a person with unit and post, as
/// selects and lists offer them; their id when the organisation no longer
/// has them.
pub fn person_with_post(org: &Organisation, id: PersonId) -> String {
    org.person(id).map_or_else(|| id.to_string(), |p| label_of(org, p))
}

fn label_of(org: &Organisation, p: &Person) -> String {
    let unit = org.unit_name(p.unit());
    if p.title().is_empty() {
        format!("{}（{unit}）", p.name())
    } else {
        format!("{}（{unit} {}）", p.name(), p.title())
    }
}

/// The active leaders (领导), who receive and own cases.
pub fn active_leaders(org: &Organisation) -> Vec<&Person> {
    org.people().filter(|p| p.is_active() && p.role() == Role::Leader).collect()
}

/// Every active person (for work teams).
pub fn active_people(org: &Organisation) -> Vec<&Person> {
    org.people().filter(|p| p.is_active()).collect()
}

/// The options of a person select: an empty choice, then `people`; a
/// chosen person no longer offered stays shown.
pub fn person_options(org: &Organisation, people: &[&Person], chosen: &str, empty: &str) -> Html {
    let listed = people.iter().any(|p| p.id().get().to_string() == chosen);
    let extra = chosen
        .parse::<u32>()
        .ok()
        .filter(|_| !listed)
        .map(PersonId::new)
        .map(|id| (id.get().to_string(), org.person_name(id)));
    html! {
        <>
            <option value="" selected={chosen.is_empty()}>{ empty.to_string() }</option>
            { for people.iter().map(|p| {
                let v = p.id().get().to_string();
                html! { <option value={v.clone()} selected={v == chosen}>{ label_of(org, p) }</option> }
            }) }
            if let Some((v, name)) = extra {
                <option value={v} selected=true>{ name }</option>
            }
        </>
    }
}

/// A person id from a select's value.
pub fn person_of(value: &str) -> Option<PersonId> {
    value.trim().parse::<u32>().ok().filter(|n| *n > 0).map(PersonId::new)
}
