//! The demo library: Springfield Public Library, with three teams, four staff accounts and
//! a few hundred patrons whose questions arrived over the last 90 days on every channel.
//!
//! Patron messages go through the real ingest; staff answers are written as history (sent
//! and delivered in the past). Running it again keeps the data and issues new passwords.

use crate::auth::{password, token::random_token};
use crate::domain::{Address, Channel, ConversationId, EmailAddress, LibraryId, Role, StaffId, E164};
use crate::inbox::ingest::Ingest;
use crate::realtime::Realtime;
use crate::store::{library::Library, staff::Staff, team::Team};
use channels::{Inbound, ThreadHint};
use chrono::{DateTime, Datelike, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;

pub const DEMO_SLUG: &str = "demo";

const STAFF: [(&str, &str, Role); 4] = [
    ("manager@demo.refdesk.example", "Maya Okafor", Role::Manager),
    ("ravi@demo.refdesk.example", "Ravi Patel", Role::Staff),
    ("june@demo.refdesk.example", "June Lindqvist", Role::Staff),
    ("tomas@demo.refdesk.example", "Tomás Herrera", Role::Staff),
];

const TEAMS: [&str; 3] = ["Reference", "Circulation", "Children's"];
/// The question type of each team's demo questions (reports count them).
const DEMO_QUESTION_TYPES: [&str; 3] = ["research", "account and borrowing", "children and programs"];

/// (team index, question, answer, READ level)
const QUESTIONS: &[(usize, &str, &str, i16)] = &[
    (1, "Are you open on Sunday?", "Yes! Main Street is open Sunday 1-5 pm; the branches are closed on Sundays.", 1),
    (1, "Can I renew my books by text?", "You can: text RENEW to this number, or reply here with the titles and we'll renew them for you.", 1),
    (1, "I lost my library card, how do I get a new one?", "Bring a photo ID to any desk and we'll print a new card; the first replacement is free.", 1),
    (1, "My hold says ready for pickup but which branch?", "It's waiting at the Eastside branch, on the hold shelf by the entrance, until Friday.", 2),
    (1, "Is there a fine for the DVD I returned late?", "We stopped charging overdue fines last year, so there's nothing to pay.", 1),
    (1, "Can I get a card if I just moved here?", "Yes - bring an ID and anything with your new address (a lease or a letter) and you're set.", 1),
    (0, "Do you have books on the history of the Erie Canal?", "We have twelve, including 'Wedding of the Waters' (call no. 386.4809 BER); three are on the shelf at Main.", 2),
    (0, "I need peer-reviewed sources on climate migration for a paper.", "Start with Academic Search Complete (our databases page); I've saved a search with 40 peer-reviewed articles from the last five years and can meet you to narrow it down.", 4),
    (0, "Can you help me find my great-grandfather's obituary from 1952?", "I found it in the Springfield Herald, March 3, 1952, page 14, on our microfilm. I can scan it and email it to you.", 5),
    (0, "How do I access the newspaper archive from home?", "Log in on the 'Newspapers' database page with your card number and PIN; it works from anywhere.", 2),
    (0, "Where can I find the county's building permit records?", "Those are at the County Clerk's office, but we hold the 1950-1990 permits on microfiche in Local History.", 3),
    (0, "Is there a good guide to starting a small business in this state?", "Yes: the SBDC guide (on the shelf at 658.022) and our Small Business Resource Center database; the business librarian holds walk-in hours on Tuesdays.", 3),
    (0, "Can you help me compare statistics on child poverty across three counties?", "I pulled the Census ACS 5-year tables for the three counties into a spreadsheet and explained each column; happy to go over it by phone.", 5),
    (2, "When is the next toddler story time?", "Toddler story time is Wednesdays at 10:30 in the Children's Room, no sign-up needed.", 1),
    (2, "Do you have summer reading sign-up online?", "Yes, sign-up opens June 1 on our website; paper logs are at the Children's desk too.", 1),
    (2, "Book recommendations for a 9 year old who loves dragons?", "Try 'Wings of Fire' by Tui T. Sutherland, 'Dragon Rider' by Cornelia Funke and 'The Girl Who Drank the Moon'. All on the shelf now!", 2),
    (2, "Do you have books in Spanish for kids?", "¡Sí! We have about 800 children's books in Spanish in the Children's Room, shelved under 'Español'.", 2),
    (2, "Can my class visit the library?", "We'd love that. Tell us a date and the grade, and we'll plan a tour and a story time.", 2),
];

const FOLLOW_UPS: &[&str] = &[
    "Thank you so much!",
    "Great, thanks. One more thing: is parking free?",
    "Perfect, I'll come by tomorrow.",
    "Thanks! Could you also check if you have the audiobook?",
];

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chen", "Dana", "Elif", "Farah", "Grace", "Hiro", "Ines", "Jamal", "Kofi", "Lena", "Marco", "Nadia",
    "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wei", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Abbott", "Baker", "Castillo", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Jensen", "Kim",
    "Lopez", "Mensah", "Nguyen", "Ortiz", "Park", "Quist", "Rossi", "Singh", "Tanaka",
];

/// Loads the demo (once) and returns the logins as (email, role, password).
pub async fn load(db: &PgPool) -> anyhow::Result<Vec<(String, &'static str, String)>> {
    let library = match Library::find_by_slug(db, DEMO_SLUG).await? {
        Some(lib) => lib,
        None => {
            let lib = Library::create(db, DEMO_SLUG, "Springfield Public Library").await?;
            populate(db, lib.id).await?;
            crate::survey::demo::populate(db, lib.id, 400).await?;
            lib
        }
    };
    crate::chat::settings::enable_for_demo(db, library.id).await?;
    crate::faq::demo::load(db, library.id).await?;
    let mut logins = Vec::new();
    for (email, _, role) in STAFF {
        let pw = random_token()[..16].to_owned();
        let hash = password::hash(pw.clone()).await?;
        sqlx::query("UPDATE staff SET password_hash = $3, disabled_at = NULL WHERE library_id = $1 AND email = $2")
            .bind(library.id)
            .bind(email)
            .bind(hash)
            .execute(db)
            .await?;
        logins.push((email.to_owned(), role.as_str(), pw));
    }
    Ok(logins)
}

async fn populate(db: &PgPool, library: LibraryId) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(2026);
    let mut staff = Vec::new();
    for (email, name, role) in STAFF {
        // Replaced with a fresh password by `load`.
        let placeholder = password::hash(random_token()).await?;
        staff.push(Staff::insert(db, library, email, name, role, &placeholder).await?.id);
    }
    let mut teams = Vec::new();
    for (i, name) in TEAMS.iter().enumerate() {
        let id = Team::create(db, library, name).await?;
        let mut conn = db.acquire().await?;
        // Everyone covers Circulation; Reference and Children's have their specialists.
        let members: Vec<StaffId> = match i {
            0 => vec![staff[0], staff[1], staff[3]],
            1 => staff.clone(),
            _ => vec![staff[0], staff[2]],
        };
        Team::set_members(&mut conn, library, id, &members).await?;
        teams.push(id);
    }

    demo_hours(db, library, &teams).await?;
    let ingest = Ingest::start(db.clone(), Realtime::new(), 2, 64);
    let now = Utc::now();
    let patrons: Vec<(Address, Channel, String)> = (0..300).map(|i| patron(&mut rng, i)).collect();
    for n in 0..420 {
        let (address, channel, name) = patrons[rng.gen_range(0..patrons.len())].clone();
        let (team, question, answer, read) = QUESTIONS[rng.gen_range(0..QUESTIONS.len())];
        // Busier recently, and during opening hours.
        let days_ago = (rng.gen::<f64>().powf(1.6) * 90.0) as i64;
        let asked = now - Duration::days(days_ago) - Duration::minutes(rng.gen_range(0..600));
        let inbound = Inbound {
            channel,
            from: address.clone(),
            display_name: Some(name.clone()),
            provider_id: format!("demo-{n}"),
            subject: (channel == Channel::Email).then(|| question.to_owned()),
            text: question.to_owned(),
            sanitized_html: None,
            thread: ThreadHint::new_conversation(),
            received_at: asked,
            attachments: vec![],
        };
        let accepted = ingest.accept(library, inbound).await?;
        let conv = accepted.conversation_id;
        let team_id = teams[team];
        let responder = staff[rng.gen_range(0..staff.len())];
        sqlx::query("UPDATE conversation SET team_id = $3 WHERE library_id = $1 AND id = $2")
            .bind(library)
            .bind(conv)
            .bind(team_id)
            .execute(db)
            .await?;
        // The newest questions are still waiting: that is what the queue shows.
        if days_ago == 0 && rng.gen_bool(0.6) {
            continue;
        }
        let delay = match channel {
            Channel::Chat => Duration::seconds(rng.gen_range(20..240)),
            Channel::Sms => Duration::minutes(rng.gen_range(3..90)),
            _ => Duration::minutes(rng.gen_range(15..1200)),
        };
        let answered = (asked + delay).min(now - Duration::minutes(1));
        staff_reply(db, library, conv, channel, responder, answer, answered).await?;
        let mut last = answered;
        if rng.gen_bool(0.35) {
            let follow = FOLLOW_UPS[rng.gen_range(0..FOLLOW_UPS.len())];
            let at = (answered + Duration::minutes(rng.gen_range(2..300))).min(now);
            let again = Inbound {
                channel,
                from: address.clone(),
                display_name: Some(name.clone()),
                provider_id: format!("demo-{n}-follow"),
                subject: None,
                text: follow.to_owned(),
                sanitized_html: None,
                thread: ThreadHint::Conversation { conversation: Some(conv.0) },
                received_at: at,
                attachments: vec![],
            };
            ingest.accept(library, again).await?;
            last = at;
            if follow.contains('?') && days_ago > 0 {
                let reply = "Yes - and we'll have it ready for you at the desk.";
                last = (at + Duration::minutes(rng.gen_range(5..120))).min(now);
                staff_reply(db, library, conv, channel, responder, reply, last).await?;
            }
        }
        let status = if days_ago >= 3 { "resolved" } else { ["open", "pending", "resolved"][rng.gen_range(0..3)] };
        let waiting: Option<DateTime<Utc>> =
            sqlx::query_scalar("SELECT waiting_since FROM conversation WHERE library_id = $1 AND id = $2")
                .bind(library)
                .bind(conv)
                .fetch_one(db)
                .await?;
        // A thank-you from weeks ago was read and the conversation closed.
        let status = if waiting.is_some() && days_ago < 3 { "open" } else { status };
        let tags: Vec<&str> =
            [["hours", "renewal", "cards"].choose(&mut rng).copied(), None][rng.gen_range(0..2)].into_iter().collect();
        let resolved_at = last + Duration::minutes(rng.gen_range(1..60));
        sqlx::query(
            "UPDATE conversation SET status = $3, assignee_id = $4, read_level = $5, tags = $6,
                    resolved_at = CASE WHEN $3 = 'resolved' THEN $7 END,
                    waiting_since = CASE WHEN $3 = 'resolved' THEN NULL ELSE waiting_since END,
                    question_type = $8
              WHERE library_id = $1 AND id = $2",
        )
        .bind(library)
        .bind(conv)
        .bind(status)
        .bind(responder)
        .bind((status == "resolved").then_some(read))
        .bind(tags)
        .bind(resolved_at)
        .bind((status == "resolved").then_some(DEMO_QUESTION_TYPES[team]))
        .execute(db)
        .await?;
        if status == "resolved" {
            let mut conn = db.acquire().await?;
            crate::reports::facts::on_resolve(&mut conn, library, conv, resolved_at).await?;
        }
    }
    // Demo events are history, not news.
    sqlx::query("DELETE FROM event WHERE library_id = $1").bind(library).execute(db).await?;
    Ok(())
}

/// Springfield keeps New York time; its desks open on weekdays (Reference closes for lunch)
/// and Saturday mornings, and close on New Year's Day: business-hours figures differ from
/// the wall clock.
async fn demo_hours(db: &PgPool, library: LibraryId, teams: &[crate::domain::TeamId]) -> anyhow::Result<()> {
    use crate::reports::calendar::{self, OpeningInterval};
    use chrono::NaiveTime;
    sqlx::query("UPDATE library SET timezone = 'America/New_York' WHERE id = $1").bind(library).execute(db).await?;
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("valid time");
    let mut conn = db.acquire().await?;
    // The first team (Reference) takes the web chat; the chat module gives it round-the-clock
    // hours in the demo, so whoever tries the widget finds it open.
    for (i, team) in teams.iter().enumerate().skip(1) {
        let mut week: Vec<OpeningInterval> = Vec::new();
        for weekday in 1..=5 {
            match i {
                0 => week.extend([(9, 12), (13, 18)].map(|(o, c)| OpeningInterval {
                    weekday,
                    opens: t(o),
                    closes: t(c),
                })),
                _ => week.push(OpeningInterval { weekday, opens: t(9), closes: t(18) }),
            }
        }
        week.push(OpeningInterval { weekday: 6, opens: t(10), closes: t(14) });
        calendar::set_hours(&mut conn, library, *team, &week).await?;
    }
    let new_year = chrono::NaiveDate::from_ymd_opt(Utc::now().year(), 1, 1).expect("valid date");
    calendar::add_holiday(&mut *conn, library, None, new_year, "New Year's Day").await?;
    Ok(())
}

fn patron(rng: &mut StdRng, i: usize) -> (Address, Channel, String) {
    let first = FIRST[rng.gen_range(0..FIRST.len())];
    let last = LAST[rng.gen_range(0..LAST.len())];
    let name = format!("{first} {last}");
    let channel =
        *[Channel::Email, Channel::Email, Channel::Sms, Channel::Sms, Channel::Chat, Channel::Chat, Channel::Survey]
            .choose(rng)
            .expect("non-empty");
    let address = match channel {
        Channel::Sms => Address::Phone(E164::parse(&format!("+1555{:07}", 100_000 + i)).expect("valid demo number")),
        Channel::Chat => Address::chat_session(&format!("demo-chat-session-{i:06}")).expect("valid session id"),
        Channel::Email | Channel::Survey => Address::Email(
            EmailAddress::parse(&format!("{}.{}{i}@example.org", first.to_lowercase(), last.to_lowercase()))
                .expect("valid demo email"),
        ),
    };
    (address, channel, name)
}

/// A reply as history: sent and delivered at `at`, first response recorded.
async fn staff_reply(
    db: &PgPool,
    library: LibraryId,
    conv: ConversationId,
    channel: Channel,
    author: StaffId,
    body: &str,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO message (library_id, conversation_id, direction, channel, author_staff_id, body, delivery_status, created_at)
         VALUES ($1, $2, 'out', $3, $4, $5, 'delivered', $6)",
    )
    .bind(library)
    .bind(conv)
    .bind(channel.as_str())
    .bind(author)
    .bind(body)
    .bind(at)
    .execute(db)
    .await?;
    sqlx::query(
        "UPDATE conversation SET waiting_since = NULL, last_message_at = greatest(last_message_at, $3),
                message_count = message_count + 1, first_response_at = coalesce(first_response_at, $3)
          WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(conv)
    .bind(at)
    .execute(db)
    .await?;
    let mut conn = db.acquire().await?;
    crate::reports::facts::on_reply(&mut conn, library, conv, author, at).await?;
    Ok(())
}
