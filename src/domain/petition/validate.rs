//! The intake form's rules: how a filled-in form ([`PetitionInput`]) becomes a [`Petition`],
//! field by field, with every error pointing at its field; and the repeat check's
//! comparison of two subjects.
use super::intake::{address_unknown, intake_fields, name_unknown};
use super::types::*;
use crate::domain::name::parse_name;
use crate::domain::phone::Phone;
use crate::domain::text::{clean_line, clean_multiline, fold_width};
use crate::i18n::Msg;
use chrono::NaiveDate;

/// Splits a list of names as people type it: `张三、李四`, `张三, 李四`, one per line.
fn split_names(text: &str) -> Vec<String> {
    clean_multiline(text)
        .split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn names(
    field: PetitionField,
    text: &str,
    max: usize,
    too_many: &'static str,
    errors: &mut Vec<PetitionFieldError>,
) -> Vec<String> {
    let mut out = Vec::new();
    for raw in split_names(text) {
        match parse_name(&raw) {
            Ok(n) => out.push(n),
            Err(m) => errors.push((field, m)),
        }
    }
    if out.len() > max {
        errors.push((
            field,
            Msg::new(too_many).arg("max", max).arg("count", out.len()),
        ));
    }
    out
}

fn line(
    field: PetitionField,
    text: &str,
    max: usize,
    errors: &mut Vec<PetitionFieldError>,
) -> String {
    let cleaned = clean_line(text);
    if cleaned.chars().count() > max {
        errors.push((field, Msg::new("field.too_long").arg("max", max)));
    }
    cleaned
}

fn multiline(
    field: PetitionField,
    text: &str,
    max: usize,
    errors: &mut Vec<PetitionFieldError>,
) -> String {
    let cleaned = clean_multiline(text);
    if cleaned.chars().count() > max {
        errors.push((field, Msg::new("field.too_long").arg("max", max)));
    }
    cleaned
}

impl PetitionInput {
    /// Validates every field against `today` (the receipt may not lie in the future) and
    /// builds the petition; on failure lists every problem found, in form order.
    ///
    /// The minimum content the 信访工作条例 asks for is enforced: a petitioner's name, a way
    /// to reach the petitioners (an address or a phone of at least one of them) and the
    /// request. Facts and reasons are recorded when given; an oral petition often has none
    /// worth separating from the request.
    pub fn validate(&self, today: NaiveDate) -> Result<Petition, Vec<PetitionFieldError>> {
        let mut errors: Vec<PetitionFieldError> = Vec::new();

        let channel = if self.channel.trim().is_empty() {
            errors.push((PetitionField::Channel, Msg::new("petition.channel_missing")));
            None
        } else {
            let c = Channel::parse(&self.channel);
            if c.is_none() {
                errors.push((
                    PetitionField::Channel,
                    Msg::new("petition.channel_invalid").arg("value", clean_line(&self.channel)),
                ));
            }
            c
        };

        let received_at = match parse_datetime_input(&self.received_at, today) {
            Ok(at) if at.date() > today => {
                errors.push((
                    PetitionField::ReceivedAt,
                    Msg::new("petition.received_future"),
                ));
                None
            }
            Ok(at) => Some(at),
            Err(m) => {
                errors.push((PetitionField::ReceivedAt, m));
                None
            }
        };

        let anonymous = self.anonymous
            || (self.petitioners.iter().any(|r| !r.is_blank())
                && self
                    .petitioners
                    .iter()
                    .filter(|r| !r.is_blank())
                    .all(|r| name_unknown(&r.name) && address_unknown(&r.address)));
        let mut petitioners = Vec::new();
        for (i, row) in self.petitioners.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let mut p = Petitioner {
                person_id: row.person_id,
                ..Default::default()
            };
            // An anonymous letter keeps what was written for the name (不详, 匿名) or none.
            match parse_name(&row.name) {
                Ok(n) => p.name = n,
                Err(_) if anonymous && name_unknown(&row.name) => {
                    p.name = clean_line(&row.name);
                }
                Err(m) => errors.push((PetitionField::PetitionerName(i), m)),
            }
            if !row.phone.trim().is_empty() {
                match Phone::parse(&row.phone) {
                    Ok(ph) => p.phone = ph.as_str().to_string(),
                    Err(m) => errors.push((PetitionField::PetitionerPhone(i), m)),
                }
            }
            p.address = line(
                PetitionField::PetitionerAddress(i),
                &row.address,
                100,
                &mut errors,
            );
            petitioners.push((i, p));
        }
        if anonymous {
            // Nothing to reach: the duty to notify does not apply to an anonymous letter.
        } else if petitioners.is_empty() {
            errors.push((
                PetitionField::Petitioners,
                Msg::new("petition.petitioner_missing"),
            ));
        } else if petitioners
            .iter()
            .all(|(_, p)| p.phone.is_empty() && p.address.is_empty())
        {
            // Only complain when no phone was even typed: a mistyped phone has its own error.
            let first = petitioners[0].0;
            let typed_phone = self
                .petitioners
                .iter()
                .any(|row| !row.phone.trim().is_empty());
            if !typed_phone {
                errors.push((
                    PetitionField::PetitionerAddress(first),
                    Msg::new("petition.contact_missing"),
                ));
            }
        }
        let listed = u32::try_from(petitioners.len()).unwrap_or(u32::MAX);

        let count_text = fold_width(&self.people_count);
        let count_text = count_text.trim().trim_end_matches('人').trim();
        let people_count = if count_text.is_empty() {
            listed.max(1)
        } else {
            match count_text.parse::<u32>() {
                Ok(n) if (1..=100_000).contains(&n) => {
                    if n < listed {
                        errors.push((
                            PetitionField::PeopleCount,
                            Msg::new("petition.count_below_listed").arg("count", listed),
                        ));
                    }
                    n
                }
                _ => {
                    errors.push((
                        PetitionField::PeopleCount,
                        Msg::new("petition.count_invalid").arg("value", count_text),
                    ));
                    listed.max(1)
                }
            }
        };

        let representatives = names(
            PetitionField::Representatives,
            &self.representatives,
            MAX_REPRESENTATIVES,
            "petition.too_many_representatives",
            &mut errors,
        );
        let agents = names(
            PetitionField::Agents,
            &self.agents,
            MAX_AGENTS,
            "petition.too_many_agents",
            &mut errors,
        );

        let category = line(PetitionField::Category, &self.category, 40, &mut errors);
        let subject = line(
            PetitionField::Subject,
            &self.subject,
            SUBJECT_MAX,
            &mut errors,
        );
        if subject.is_empty() {
            errors.push((PetitionField::Subject, Msg::new("petition.subject_missing")));
        }
        let request = multiline(
            PetitionField::Request,
            &self.request,
            LONG_TEXT_MAX,
            &mut errors,
        );
        if request.is_empty() {
            errors.push((PetitionField::Request, Msg::new("petition.request_missing")));
        }
        let facts = multiline(
            PetitionField::Facts,
            &self.facts,
            LONG_TEXT_MAX,
            &mut errors,
        );
        let reasons = multiline(
            PetitionField::Reasons,
            &self.reasons,
            LONG_TEXT_MAX,
            &mut errors,
        );
        let documents = multiline(PetitionField::Documents, &self.documents, 1000, &mut errors);

        // Five or more people make a petition collective whatever the officer ticked; a
        // ticked box with fewer people is a contradiction the ledger must not carry.
        let collective = people_count >= COLLECTIVE_MIN_PEOPLE;
        if self.collective && !collective {
            errors.push((
                PetitionField::Collective,
                Msg::new("petition.collective_needs_people").arg("min", COLLECTIVE_MIN_PEOPLE),
            ));
        }

        let risk = if self.risk.trim().is_empty() {
            Risk::Low
        } else {
            Risk::parse(&self.risk).unwrap_or_else(|| {
                errors.push((
                    PetitionField::Risk,
                    Msg::new("petition.risk_invalid").arg("value", clean_line(&self.risk)),
                ));
                Risk::Low
            })
        };

        let handler = line(PetitionField::Handler, &self.handler, 40, &mut errors);
        if handler.is_empty() {
            errors.push((PetitionField::Handler, Msg::new("petition.handler_missing")));
        }

        let facts_of_intake = intake_fields(self, today, &mut errors);

        match (channel, received_at) {
            (Some(channel), Some(received_at)) if errors.is_empty() => Ok(Petition {
                channel,
                received_at,
                petitioners: petitioners.into_iter().map(|(_, p)| p).collect(),
                people_count,
                representatives,
                agents,
                category,
                subject,
                request,
                facts,
                reasons,
                documents,
                flags: Flags {
                    repeat: self.repeat,
                    skip_level: self.skip_level,
                    collective,
                },
                risk,
                handler,
                from_visit: self.from_visit,
                anonymous,
                source: facts_of_intake.source,
                assigner: facts_of_intake.assigner,
                assigner_due: facts_of_intake.assigner_due,
                kind: facts_of_intake.kind,
            }),
            _ => Err(errors),
        }
    }

    /// The text form of a registered petition, for showing it in the form again.
    pub fn from_petition(p: &Petition) -> PetitionInput {
        PetitionInput {
            channel: p.channel.code().to_string(),
            received_at: p.received_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            petitioners: p
                .petitioners
                .iter()
                .map(|x| PetitionerInput {
                    person_id: x.person_id,
                    name: x.name.clone(),
                    phone: x.phone.clone(),
                    address: x.address.clone(),
                })
                .collect(),
            people_count: p.people_count.to_string(),
            representatives: p.representatives.join("、"),
            agents: p.agents.join("、"),
            category: p.category.clone(),
            subject: p.subject.clone(),
            request: p.request.clone(),
            facts: p.facts.clone(),
            reasons: p.reasons.clone(),
            documents: p.documents.clone(),
            repeat: p.flags.repeat,
            skip_level: p.flags.skip_level,
            collective: p.flags.collective,
            risk: p.risk.code().to_string(),
            handler: p.handler.clone(),
            from_visit: p.from_visit,
            anonymous: p.anonymous,
            source: p.source.code().to_string(),
            assigner: p.assigner.clone(),
            assigner_due: p
                .assigner_due
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            kind: p.kind.map(|k| k.code().to_string()).unwrap_or_default(),
        }
    }
}

/// Whether two subjects name the same matter, for the repeat check. Compares the subjects
/// without spaces and punctuation: equal, one containing the other (a short subject typed
/// the second time), or sharing at least half of their character pairs (the same complaint
/// worded a little differently). It is a hint for the officer, who decides.
pub fn same_matter(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> Vec<char> {
        fold_width(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
    if sa == sb {
        return true;
    }
    // Containment counts only when the shorter one is not trivially short (one character
    // such as "地" would be contained in half the subjects).
    if a.len().min(b.len()) >= 4 && (sa.contains(&sb) || sb.contains(&sa)) {
        return true;
    }
    let pairs = |v: &[char]| -> std::collections::HashSet<(char, char)> {
        v.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, pb) = (pairs(&a), pairs(&b));
    let union = pa.union(&pb).count();
    if union == 0 {
        return false;
    }
    let shared = pa.intersection(&pb).count();
    shared * 2 >= union
}
