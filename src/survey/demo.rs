//! The demo library's survey: the sample LibSat-style survey, published, with a few hundred
//! responses over the last six months (web, kiosk and paper, two languages), and ratings on
//! some of the demo's resolved conversations — so the results screens show something real.

use super::responses::{record, NewResponse, Source};
use super::store::Survey;
use crate::domain::LibraryId;
use channels::survey::answers::{Answer, Answers};
use channels::survey::sample::library_satisfaction;
use chrono::{Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;

const COMMENTS: &[&str] = &[
    "More quiet study rooms, please.",
    "The staff at the desk were wonderful with my kids.",
    "Please open earlier on Saturdays.",
    "The Wi-Fi drops in the afternoon.",
    "Love the new graphic novel section!",
    "Hard to find parking near Main Street.",
    "Más libros en español, por favor.",
    "The self-checkout machines are confusing.",
];

/// Publishes the demo survey and fills it with `responses` responses.
pub async fn populate(db: &PgPool, library: LibraryId, responses: usize) -> anyhow::Result<()> {
    let def = library_satisfaction();
    let id = Survey::create(db, library, "how-are-we-doing", "How are we doing? (continuous)", &def).await?;
    let mut tx = db.begin().await?;
    let version = Survey::publish(&mut tx, library, id, None).await?.expect("survey exists");
    tx.commit().await?;
    let mut rng = StdRng::seed_from_u64(7);
    for i in 0..responses {
        let age_days = rng.gen_range(0..180);
        let when = Utc::now() - Duration::days(age_days) - Duration::minutes(rng.gen_range(0..600));
        let source = match rng.gen_range(0..10) {
            0..=5 => Source::Web,
            6..=7 => Source::Kiosk,
            _ => Source::Paper,
        };
        let language = if rng.gen_bool(0.2) { "es" } else { "en" };
        let answers = random_answers(&mut rng, age_days);
        record(
            db,
            NewResponse {
                library,
                survey_id: id,
                version,
                definition: &def,
                source,
                language,
                answers,
                submit_key: &format!("demo-response-{i:06}"),
                entered_by: None,
                submitted_at: Some(when),
            },
        )
        .await?;
    }
    rate_demo_conversations(db, library).await
}

fn random_answers(rng: &mut StdRng, age_days: i64) -> Answers {
    // Satisfaction improves a little over the six months (the new opening hours).
    let lift = if age_days < 60 { 1 } else { 0 };
    let score = |rng: &mut StdRng, lo: u8| rng.gen_range(lo..=5u8).min(5);
    let mut a = Answers::new();
    a.insert("overall".into(), Answer::Rating { value: score(rng, 2 + lift) });
    for (key, imp_lo, sat_lo) in [("staff_help", 3, 3), ("opening_hours", 4, 1 + lift), ("collection", 3, 2)] {
        if rng.gen_bool(0.85) {
            a.insert(key.into(), Answer::Aspect { importance: score(rng, imp_lo), satisfaction: score(rng, sat_lo) });
        }
    }
    a.insert("recommend".into(), Answer::Nps { value: rng.gen_range(4 + 2 * lift..=10) });
    let used: Vec<String> = ["borrow", "computers", "study", "events"]
        .into_iter()
        .filter(|_| rng.gen_bool(0.4))
        .map(str::to_owned)
        .collect();
    if !used.is_empty() {
        a.insert("used".into(), Answer::Choices { options: used });
    }
    let pick = |rng: &mut StdRng, options: &[&str], weights: &[u32]| {
        let total: u32 = weights.iter().sum();
        let mut x = rng.gen_range(0..total);
        for (o, w) in options.iter().zip(weights) {
            if x < *w {
                return o.to_string();
            }
            x -= w;
        }
        options[0].to_string()
    };
    // "parent" is rare in the demo, so breakdowns show a hidden small group.
    let patron = pick(rng, &["adult", "student", "senior", "parent"], &[50, 25, 22, 3]);
    a.insert("patron_type".into(), Answer::Choice { option: patron });
    a.insert("visits".into(), Answer::Choice { option: pick(rng, &["weekly", "monthly", "rarely"], &[40, 40, 20]) });
    a.insert("branch".into(), Answer::Choice { option: pick(rng, &["main", "eastside", "online"], &[55, 35, 10]) });
    if rng.gen_bool(0.3) {
        a.insert("comment".into(), Answer::Text { text: COMMENTS[rng.gen_range(0..COMMENTS.len())].to_owned() });
    }
    a
}

/// Ratings on about half of the resolved email and SMS conversations, as patrons gave them.
async fn rate_demo_conversations(db: &PgPool, library: LibraryId) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO csat_rating (library_id, conversation_id, channel, team_id, staff_id, score, source, created_at)
         SELECT c.library_id, c.id, c.channel, c.team_id, c.assignee_id,
                (3 + (c.id % 3))::smallint - (c.id % 7 = 0)::int * 2,
                CASE c.channel WHEN 'sms' THEN 'sms_reply' WHEN 'chat' THEN 'chat' ELSE 'email_link' END,
                c.resolved_at + interval '2 hours'
           FROM conversation c
          WHERE c.library_id = $1 AND c.status = 'resolved' AND c.id % 2 = 0
         ON CONFLICT DO NOTHING",
    )
    .bind(library)
    .execute(db)
    .await?;
    Ok(())
}
