//! Checks the agent groups' `skills` and `priorities`: known class names,
//! priorities in range and of classes the group takes, and every class
//! taken by some group.

use super::raw::RawChat;
use super::validate::{key, p, with, Ctx};
use super::validate_classes::MAX_PRIORITY;
use super::ScenarioError;
use crate::model::chat::{AgentGroup, ContactClass, Skills};
use crate::scenario::locate::Seg;

/// Sets the skills of `groups` (checked, in the order of `c.groups`) from
/// `c`, against `classes`.
pub(super) fn skills(
    ctx: &Ctx,
    c: &RawChat,
    classes: &[ContactClass],
    groups: &mut [AgentGroup],
) -> Result<(), ScenarioError> {
    let base = key(&p(&["chat"]), "groups");
    let names: Vec<&str> = classes.iter().map(|k| k.name.as_str()).collect();
    let class_of = |path: &super::validate::Path, name: &str| {
        names.iter().position(|n| *n == name).map(|i| i as u8).ok_or_else(|| {
            let known = if names.is_empty() { "none: add `[[chat.classes]]`".to_string() } else { names.join(", ") };
            ctx.err(path, format!("`{name}` is not a class (classes: {known})"))
        })
    };
    for (i, (raw, group)) in c.groups.iter().zip(groups.iter_mut()).enumerate() {
        let at = with(&base, Seg::Index(i));
        if raw.skills.is_none() && raw.priorities.is_empty() {
            continue;
        }
        let mut takes = Vec::new();
        match &raw.skills {
            Some(list) => {
                for (j, name) in list.iter().enumerate() {
                    let class = class_of(&with(&key(&at, "skills"), Seg::Index(j)), name)?;
                    if takes.contains(&class) {
                        return Err(ctx.err(&key(&at, "skills"), format!("`{name}` is listed twice")));
                    }
                    takes.push(class);
                }
                if takes.is_empty() {
                    return Err(ctx.err(
                        &key(&at, "skills"),
                        "a group must take at least one class: list some, or leave `skills` out for every class",
                    ));
                }
                takes.sort_unstable();
            }
            None => takes.extend(0..classes.len() as u8),
        }
        let mut priorities = Vec::new();
        for (name, &prio) in &raw.priorities {
            let path = key(&key(&at, "priorities"), name);
            let class = class_of(&path, name)?;
            if !takes.contains(&class) {
                return Err(ctx.err(&path, format!("the group does not take `{name}` (see its `skills`)")));
            }
            if prio > MAX_PRIORITY {
                return Err(ctx.err(&path, format!("must be from 0 to {MAX_PRIORITY}, got {prio}")));
            }
            priorities.push((class, prio as u8));
        }
        priorities.sort_unstable();
        group.skills = Some(Skills { takes, priorities });
    }
    for (k, class) in classes.iter().enumerate() {
        let taken = groups.iter().any(|g| g.skills.as_ref().is_none_or(|s| s.takes.contains(&(k as u8))));
        if !taken {
            return Err(ctx.err(
                &key(&with(&key(&p(&["chat"]), "classes"), Seg::Index(k)), "name"),
                format!("no agent group takes class `{}`: add it to some group's `skills`", class.name),
            ));
        }
    }
    Ok(())
}
