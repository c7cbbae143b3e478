//! The posted rules: the defaults' first copy, adding, editing, ordering, retiring.
use super::rows::*;
use super::*;

impl Store {
    /// Copies the embedded default rules into the database if it has no rules yet (the first
    /// use of the checklist). Returns whether it did. Later changes to the defaults do not
    /// touch a station's rules: they are the station's own from then on.
    pub fn ensure_default_rules(&mut self) -> ChecklistResult<bool> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let defaults = default_rules().map_err(Refusal::InvalidRule)?;
        let tx = self.write_tx()?;
        let count: i64 = tx.query_row("SELECT count(*) FROM checklist_rules", (), |r| r.get(0))?;
        if count > 0 {
            return Ok(false);
        }
        for (i, rule) in defaults.iter().enumerate() {
            insert_rule(&tx, rule, i as i64 + 1, &now)?;
        }
        append(
            &tx,
            &now,
            &actor,
            "create",
            "checklist_rules",
            "",
            &format!("{} default rules", defaults.len()),
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// The rules in checklist order; retired ones too when asked (for the history).
    pub fn checklist_rules(&self, include_retired: bool) -> Result<Vec<Rule>> {
        Ok(load_rules(self.conn(), include_retired)?)
    }

    /// One rule, retired or not.
    pub fn checklist_rule(&self, id: i64) -> Result<Option<Rule>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {RULE_COLUMNS} FROM checklist_rules WHERE id = ?1"),
                [id],
                rule_from_row,
            )
            .optional()?)
    }

    /// The date the checklist was first used: when the first rule was stored.
    pub fn checklist_started_on(&self) -> Result<Option<NaiveDate>> {
        let first: Option<String> =
            self.conn()
                .query_row("SELECT min(created_at) FROM checklist_rules", (), |r| {
                    r.get(0)
                })?;
        Ok(parse_ts(first).map(|t| t.date()))
    }

    /// Adds a rule at the end of the list. It appears from the next day opened; a day
    /// already opened keeps the items it was opened with.
    pub fn add_checklist_rule(&mut self, input: &RuleInput) -> ChecklistResult<i64> {
        let input = input.validate().map_err(Refusal::InvalidRule)?;
        self.ensure_default_rules()?;
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let last: i64 = tx.query_row(
            "SELECT coalesce(max(position), 0) FROM checklist_rules",
            (),
            |r| r.get(0),
        )?;
        let id = insert_rule(&tx, &input, last + 1, &now)?;
        append(
            &tx,
            &now,
            &actor,
            "create",
            "checklist_rule",
            &id.to_string(),
            &input.title_zh,
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Edits an active rule. Days already opened keep the rule as it was.
    pub fn update_checklist_rule(&mut self, id: i64, input: &RuleInput) -> ChecklistResult<()> {
        let input = input.validate().map_err(Refusal::InvalidRule)?;
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let changed = tx.execute(
            "UPDATE checklist_rules SET title_zh = ?1, title_en = ?2, frequency = ?3, required = ?4,
             live_check = ?5 WHERE id = ?6 AND retired_at IS NULL",
            params![
                input.title_zh,
                input.title_en,
                input.frequency.code(),
                input.required,
                input.check.map(LiveCheck::code),
                id
            ],
        )?;
        if changed == 0 {
            return Err(Refusal::NoSuchRule { rule_id: id }.into());
        }
        append(
            &tx,
            &now,
            &actor,
            "update",
            "checklist_rule",
            &id.to_string(),
            &format!(
                "{} {} required={} check={}",
                input.title_zh,
                input.frequency.code(),
                input.required,
                input.check.map(LiveCheck::code).unwrap_or("-")
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts the active rules in the given order: the listed ones first, in the order given,
    /// then any active rule not listed, in its present order. An id that is not an active
    /// rule is refused.
    pub fn reorder_checklist_rules(&mut self, order: &[i64]) -> ChecklistResult<()> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let active = load_rules(&tx, false)?;
        if let Some(unknown) = order.iter().find(|id| !active.iter().any(|r| r.id == **id)) {
            return Err(Refusal::NoSuchRule { rule_id: *unknown }.into());
        }
        let mut ids: Vec<i64> = Vec::with_capacity(active.len());
        for id in order.iter().chain(active.iter().map(|r| &r.id)) {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        for (i, id) in ids.iter().enumerate() {
            tx.execute(
                "UPDATE checklist_rules SET position = ?1 WHERE id = ?2",
                params![i as i64 + 1, id],
            )?;
        }
        let summary: Vec<String> = ids.iter().map(i64::to_string).collect();
        append(
            &tx,
            &now,
            &actor,
            "reorder",
            "checklist_rules",
            "",
            &summary.join(","),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Retires a rule: it is off every day opened from today, and the days that had it keep
    /// their items.
    pub fn retire_checklist_rule(&mut self, id: i64) -> ChecklistResult<()> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let changed = tx.execute(
            "UPDATE checklist_rules SET retired_at = ?1 WHERE id = ?2 AND retired_at IS NULL",
            params![now, id],
        )?;
        if changed == 0 {
            return Err(Refusal::NoSuchRule { rule_id: id }.into());
        }
        append(
            &tx,
            &now,
            &actor,
            "retire",
            "checklist_rule",
            &id.to_string(),
            "",
        )?;
        tx.commit()?;
        Ok(())
    }
}
