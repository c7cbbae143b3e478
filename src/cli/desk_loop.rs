//! The hidden worker of `bench desks`: one desk, as a process of its own. It loads the
//! lookup index, follows the change log with the desk's own follower thread, and then,
//! once told `go` on stdin, saves a walk-in every couple of seconds (every third one for a
//! person it first puts on file) while it looks people up without pause: the realistic
//! typing of `bench search`, and the ID numbers the other desks will give their next new
//! people, so that it notices each the moment it can be found.
//!
//! It prints, one line each: `ready`; `saved <µs>` or `failed <µs> <why>` for each
//! commit; `created <slot> <unix ms>` once a new person's commit returned; `found <slot>
//! <unix ms>` when a lookup first finds another desk's new person; `looked <lookups>` last.
//! It stops saving after `seconds`, looks a little longer for the last people made, and
//! stops early when stdin closes (the benchmark was stopped).
use super::{CliError, Ctx};
use crate::domain::id_number::IdNumber;
use crate::domain::person::Person;
use crate::domain::visit::VisitInput;
use crate::search::bench::{DemoTarget, realistic_queries};
use crate::store::Store;
use crate::tui::action::{Action, Incoming, Loaded, ShellLoaded};
use crate::tui::engine::{Engine, MERGE_FROM, PeopleChanged};
use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// The made-up region code of the benchmark's new people: no demo person has it.
pub const REGION: &str = "450131";

/// Day 0 of the birth dates the slots are written as.
const FIRST_BIRTH: (i32, u32, u32) = (1930, 1, 1);

/// A desk saves once in this long on average, give or take half.
const SAVE_EVERY: Duration = Duration::from_secs(2);

/// Every this many saves, the walk-in is for a person put on file first.
const NEW_PERSON_EVERY: u64 = 3;

/// How often a desk looks up (a keystroke, and the others' next new people): about as
/// fast as an officer types.
const LOOK_EVERY: Duration = Duration::from_millis(50);

/// A keystroke of the officer's every this many rounds: four a second, a fast typist's
/// pace. (At one a round, 64 simulated desks kept both cores of a small machine busy
/// typing, and the server beside them waited for a turn on the processor.)
const TYPE_EVERY_ROUNDS: u64 = 5;

/// How long a desk keeps looking after the saving stopped, for the last people made.
pub const GRACE: Duration = Duration::from_secs(3);

/// What one desk is asked to do.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub desk: u32,
    pub desks: u32,
    pub seconds: u64,
    /// The first slot of this run: slots below it were used by earlier runs.
    pub first_slot: u64,
    pub seed: u64,
}

impl Plan {
    /// The slot of desk `desk`'s `n`-th new person: every desk's are distinct.
    fn slot(&self, desk: u32, n: u64) -> u64 {
        self.first_slot + n * u64::from(self.desks) + u64::from(desk)
    }
}

/// The ID number of a slot: the slot counts days of birth from 1930 and a sequence of
/// 1,000 a day, so a larger slot sorts after a smaller one.
pub fn id_number_of(slot: u64) -> Option<IdNumber> {
    let (y, m, d) = FIRST_BIRTH;
    let birth = NaiveDate::from_ymd_opt(y, m, d)?.checked_add_days(Days::new(slot / 1000))?;
    IdNumber::compose(REGION, birth, (slot % 1000) as u16)
}

/// The slot an ID number of [`REGION`] was made from (the inverse of [`id_number_of`]).
pub fn slot_of(id_number: &str) -> Option<u64> {
    let (y, m, d) = FIRST_BIRTH;
    let first = NaiveDate::from_ymd_opt(y, m, d)?;
    let birth = NaiveDate::parse_from_str(id_number.get(6..14)?, "%Y%m%d").ok()?;
    let days = u64::try_from((birth - first).num_days()).ok()?;
    let sequence: u64 = id_number.get(14..17)?.parse().ok()?;
    Some(days * 1000 + sequence)
}

pub fn run(ctx: &Ctx, plan: Plan) -> Result<(), CliError> {
    let lookups = ctx.open_store()?;
    let saves = ctx.open_store()?;
    let mut engine = Engine::load(&lookups).map_err(|e| ctx.store_error(e))?;
    let typing = typing_queries(&lookups, plan.seed).map_err(|e| ctx.store_error(e))?;
    let (changes_tx, changes) = channel();
    let follow_now = crate::tui::follow::start(ctx.db.clone(), ctx.clock.clone(), changes_tx);
    say("ready".into());
    let stopped = Arc::new(AtomicBool::new(false));
    if !wait_for_go(Arc::clone(&stopped)) {
        return Ok(());
    }
    let started = Instant::now();
    let saving_until = started + Duration::from_secs(plan.seconds);
    let saver = {
        let stopped = Arc::clone(&stopped);
        let desk = Desk {
            plan,
            store: saves,
            clock: ctx.clock.clone(),
        };
        std::thread::spawn(move || desk.save_until(saving_until, &stopped, &follow_now))
    };
    let looked = look_until(
        &plan,
        &mut engine,
        &lookups,
        &changes,
        &typing,
        (saving_until + GRACE, &stopped),
    );
    let _ = saver.join();
    match looked {
        Ok(n) => {
            say(format!("looked {n}"));
            Ok(())
        }
        Err(e) => Err(ctx.store_error(e)),
    }
}

/// Writes one line at once (the benchmark reads them as they come).
fn say(line: String) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Waits for `go` on stdin; false when stdin closed first. A thread then watches stdin and
/// sets `stopped` when it closes.
fn wait_for_go(stopped: Arc<AtomicBool>) -> bool {
    let (go_tx, go) = channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines();
        let went = matches!(lines.next(), Some(Ok(l)) if l.trim() == "go");
        let _ = go_tx.send(went);
        if went {
            // Anything else, or the end, stops the desk.
            let _ = lines.next();
        }
        stopped.store(true, Ordering::Relaxed);
    });
    go.recv().unwrap_or(false)
}

/// Keystrokes of realistic lookups for people on file, as `bench search` types them.
fn typing_queries(store: &Store, seed: u64) -> crate::store::Result<Vec<String>> {
    let people = store.count_people()?;
    if people == 0 {
        return Ok(Vec::new());
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let ids: Vec<i64> = (0..200)
        .map(|_| rng.random_range(1..=people as i64))
        .collect();
    let targets: Vec<DemoTarget> = store
        .people_by_ids(&ids)?
        .iter()
        .map(DemoTarget::from_person)
        .collect();
    let queries = realistic_queries(&targets, 200, seed);
    let mut strokes = Vec::new();
    for q in queries {
        for (end, c) in q.char_indices() {
            strokes.push(q[..end + c.len_utf8()].to_string());
        }
    }
    Ok(strokes)
}

/// The desk's lookups until `until` (or a stop): each round takes in what the follower
/// read, types one keystroke, and looks for every other desk's next new person. Returns
/// how many lookups were made.
fn look_until(
    plan: &Plan,
    engine: &mut Engine,
    store: &Store,
    changes: &Receiver<Incoming>,
    typing: &[String],
    (until, stopped): (Instant, &AtomicBool),
) -> crate::store::Result<u64> {
    let others: Vec<u32> = (0..plan.desks).filter(|&d| d != plan.desk).collect();
    let mut next = vec![0u64; others.len()];
    // Another desk's next person arrived but was not found yet: looked for every round.
    let mut due = vec![false; others.len()];
    let mut lookups = 0u64;
    let mut rounds = 0u64;
    let mut stroke = typing.iter().cycle();
    while Instant::now() < until && !stopped.load(Ordering::Relaxed) {
        let round = Instant::now();
        let arrived = follow(engine, store, changes)?;
        rounds += 1;
        if rounds % TYPE_EVERY_ROUNDS == 1
            && let Some(q) = stroke.next()
        {
            engine.search(q, 20);
            lookups += 1;
        }
        for (k, &desk) in others.iter().enumerate() {
            // Several may have arrived since the last round.
            loop {
                let slot = plan.slot(desk, next[k]);
                let Some(id_number) = id_number_of(slot) else {
                    break;
                };
                // Only what the follower brought can be new in the index: another desk's
                // next person is looked up once their record arrived, as an officer looks
                // up somebody who came in (a lookup for everybody every round would keep
                // the machine busy looking, not the database busy saving).
                due[k] |= arrived.holds(id_number.as_str());
                if !due[k] {
                    break;
                }
                let hits = engine.search(id_number.as_str(), 5);
                let at = unix_ms();
                lookups += 1;
                let rows = store.index_rows_of(&hits)?;
                if !rows.iter().any(|r| r.id_number == id_number.as_str()) {
                    break;
                }
                say(format!("found {slot} {at}"));
                next[k] += 1;
                due[k] = false;
            }
        }
        std::thread::sleep(LOOK_EVERY.saturating_sub(round.elapsed()));
    }
    Ok(lookups)
}

/// What the follower read since the last round reaches the index, as the desk's search
/// worker takes it: the changed people re-keyed, or a fresh build for a great many.
/// What the follower brought in one round.
enum Arrived {
    /// The index was built anew: anybody may be in it now.
    Everyone,
    /// The ID numbers of the people changed.
    These(std::collections::HashSet<String>),
}

impl Arrived {
    fn holds(&self, id_number: &str) -> bool {
        match self {
            Arrived::Everyone => true,
            Arrived::These(ids) => ids.contains(id_number),
        }
    }
}

fn follow(
    engine: &mut Engine,
    store: &Store,
    changes: &Receiver<Incoming>,
) -> crate::store::Result<Arrived> {
    let mut people: Vec<i64> = Vec::new();
    let mut everyone = false;
    while let Ok(incoming) = changes.try_recv() {
        if let Incoming::Action(Action::Loaded(Loaded::Shell(ShellLoaded::DataChanged(batch)))) =
            incoming
        {
            match PeopleChanged::from_changes(&batch) {
                Some(PeopleChanged::These(ids)) => people.extend(ids),
                Some(PeopleChanged::All) => everyone = true,
                None => {}
            }
        }
    }
    people.sort_unstable();
    people.dedup();
    let many = everyone || PeopleChanged::These(people.clone()).wants_rebuild();
    if many || engine.changed_since_load() > MERGE_FROM {
        // The desk builds in the background and swaps; here the desk only looks up, so
        // building in line costs the same lookups' worth of time.
        *engine = Engine::load(store)?;
        return Ok(Arrived::Everyone);
    }
    if people.is_empty() {
        return Ok(Arrived::These(Default::default()));
    }
    let rows = store.index_rows_of(&people)?;
    let arrived = rows.iter().map(|r| r.id_number.clone()).collect();
    engine.apply_rows(&people, rows);
    Ok(Arrived::These(arrived))
}

fn unix_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

/// The saving side of a desk: its own connection, as the desk's database worker has.
struct Desk {
    plan: Plan,
    store: Store,
    clock: crate::clock::SharedClock,
}

impl Desk {
    fn save_until(mut self, until: Instant, stopped: &AtomicBool, follow_now: &Sender<()>) {
        let seed = self.plan.seed;
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
        let mut made_up = crate::demo::generate(usize::MAX, seed);
        let people = self.store.count_people().unwrap_or(0).max(1) as i64;
        // Desks start out of step, as officers do.
        let mut due = Instant::now() + SAVE_EVERY.mul_f64(rng.random_range(0.0..0.5));
        let (mut saves, mut created) = (0u64, 0u64);
        loop {
            std::thread::sleep(due.saturating_duration_since(Instant::now()));
            if Instant::now() >= until || stopped.load(Ordering::Relaxed) {
                return;
            }
            let person = if saves.is_multiple_of(NEW_PERSON_EVERY) {
                let slot = self.plan.slot(self.plan.desk, created);
                match self.new_person(slot, made_up.next()) {
                    Some(p) => {
                        created += 1;
                        Some(p)
                    }
                    None => None,
                }
            } else {
                // A walk-in of someone on file, or of a visitor not on file.
                self.store
                    .person(rng.random_range(1..=people))
                    .ok()
                    .flatten()
            };
            self.save_walkin(person.as_ref(), saves);
            let _ = follow_now.send(());
            saves += 1;
            due += SAVE_EVERY.mul_f64(rng.random_range(0.5..1.5));
        }
    }

    /// Puts the person of `slot` on file; `None` when that failed (said on stdout).
    fn new_person(&mut self, slot: u64, made_up: Option<Person>) -> Option<Person> {
        let id = id_number_of(slot)?;
        let mut person = made_up.unwrap_or_default();
        person.id_number = id.as_str().to_string();
        person.birth_date = Some(id.birth_date());
        person.gender = Some(id.gender());
        let asked = Instant::now();
        let saved = self.store.save_person(&person);
        let took = asked.elapsed().as_micros();
        match saved {
            Ok(row) => {
                say(format!("created {slot} {}", unix_ms()));
                say(format!("saved {took}"));
                person.id = Some(row);
                Some(person)
            }
            Err(e) => {
                say(format!("failed {took} {e}"));
                None
            }
        }
    }

    fn save_walkin(&mut self, person: Option<&Person>, n: u64) {
        let input = VisitInput {
            person_id: person.and_then(|p| p.id),
            visitor_name: person.map_or_else(|| "来访群众".to_string(), |p| p.name.clone()),
            purpose: Some((n % 14) as usize),
            summary: format!("desk{} {n}", self.plan.desk),
            outcome: "done".into(),
            handler: format!("desk{}", self.plan.desk),
            ..Default::default()
        };
        let Ok(visit) = input.validate(self.clock.now()) else {
            say("failed 0 the made-up walk-in did not validate".into());
            return;
        };
        let asked = Instant::now();
        let saved = self.store.save_visit(&visit);
        let took = asked.elapsed().as_micros();
        match saved {
            Ok(_) => say(format!("saved {took}")),
            Err(e) => say(format!("failed {took} {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_and_id_numbers_go_both_ways_and_are_valid() {
        for slot in [0, 1, 999, 1000, 123_456, 20_000_000] {
            let id = id_number_of(slot).expect("a slot in range");
            assert!(IdNumber::parse(id.as_str()).is_ok(), "{}", id.as_str());
            assert_eq!(slot_of(id.as_str()), Some(slot));
        }
        // Larger slots sort after smaller ones, so the highest on file is the last used.
        let a = id_number_of(1999).expect("slot");
        let b = id_number_of(2000).expect("slot");
        assert!(a.as_str() < b.as_str());
    }

    #[test]
    fn every_desk_has_slots_of_its_own() {
        let plan = Plan {
            desk: 0,
            desks: 3,
            seconds: 1,
            first_slot: 10,
            seed: 1,
        };
        let mut seen = std::collections::HashSet::new();
        for desk in 0..3 {
            for n in 0..50 {
                assert!(seen.insert(plan.slot(desk, n)));
            }
        }
        assert_eq!(plan.slot(0, 0), 10);
    }
}
