//! How a roster's category cells were understood: each synonym and the name it was mapped
//! to, with the rows, and the old combined names kept until an officer tells them apart.
//! The dry run and the import show it ("伤残军人 → 残疾军人: 37 rows").
use crate::domain::category::{CategoryList, shipped_named};
use crate::i18n::Msg;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub(crate) struct CategoryMapping {
    /// (written, stored) → rows.
    synonyms: BTreeMap<(String, String), usize>,
    /// A combined name (参战参试退役军人) → rows.
    combined: BTreeMap<String, usize>,
}

impl CategoryMapping {
    /// Counts one valid row's category cell.
    pub fn count(&mut self, categories: &CategoryList, cell: &str) {
        let Ok(found) = categories.parse_cell(cell) else {
            return;
        };
        for r in found {
            if shipped_named(&r.name).is_some_and(|c| !c.either_of.is_empty()) {
                *self.combined.entry(r.name.clone()).or_default() += 1;
            }
            if let Some(written) = r.synonym {
                *self.synonyms.entry((written, r.name)).or_default() += 1;
            }
        }
    }

    pub fn messages(&self) -> Vec<Msg> {
        let mapped = self.synonyms.iter().map(|((written, name), rows)| {
            Msg::new("categories.mapped")
                .arg("written", written)
                .arg("name", name)
                .arg("rows", rows)
        });
        let combined = self.combined.iter().map(|(name, rows)| {
            let either = shipped_named(name)
                .map(|c| c.either_of.join("、"))
                .unwrap_or_default();
            Msg::new("categories.combined")
                .arg("name", name)
                .arg("either", either)
                .arg("rows", rows)
        });
        mapped.chain(combined).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn synonyms_are_counted_per_name_and_combined_names_flagged() {
        let list = CategoryList::shipped();
        let mut m = CategoryMapping::default();
        m.count(&list, "伤残军人");
        m.count(&list, "伤残军人、参战参试退役军人");
        m.count(&list, "残疾军人");
        let text: Vec<String> = m.messages().iter().map(|x| x.render(Lang::Zh)).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].contains("伤残军人") && text[0].contains("残疾军人") && text[0].contains('2')
        );
        assert!(text[1].contains("参战退役人员、参试退役人员"), "{text:?}");
    }
}
