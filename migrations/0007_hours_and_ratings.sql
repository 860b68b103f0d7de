-- Facts that several features share: when a team is open (chat availability, business-hours
-- response times, service targets) and how patrons rated the answers they got (chat, email
-- link, SMS reply, survey), read by the reports.

-- Opening hours of a team, in the library's time zone (library.timezone). Several rows per
-- day are allowed (a desk closed over lunch). A team with no rows is treated as never open
-- for chat and as always open for business-hours figures (there is nothing to exclude).
CREATE TABLE team_hours (
    library_id  bigint NOT NULL,
    id          bigint GENERATED ALWAYS AS IDENTITY,
    team_id     bigint NOT NULL,
    -- ISO weekday, as Postgres extract(isodow): 1 = Monday ... 7 = Sunday.
    weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens       time NOT NULL,
    closes      time NOT NULL CHECK (closes > opens),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE CASCADE
);
CREATE INDEX team_hours_team ON team_hours (library_id, team_id, weekday);

-- Days a team (or, with team_id NULL, the whole library) is closed, in the library's time zone.
CREATE TABLE library_holiday (
    library_id  bigint NOT NULL REFERENCES library (id),
    id          bigint GENERATED ALWAYS AS IDENTITY,
    team_id     bigint,
    day         date NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE CASCADE
);
CREATE INDEX library_holiday_day ON library_holiday (library_id, day);

-- A chat the patron left before anyone answered (managers see these as abandoned).
ALTER TABLE conversation ADD COLUMN abandoned_at timestamptz;

-- One patron rating of one conversation (CSAT). The staff member and team are copied from
-- the conversation when the rating arrives, so the figure stays true after a reassignment
-- and after the conversation is anonymised or its patron erased.
CREATE TABLE csat_rating (
    library_id       bigint NOT NULL REFERENCES library (id),
    id               bigint GENERATED ALWAYS AS IDENTITY,
    conversation_id  bigint,
    channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'chat', 'survey')),
    team_id          bigint,
    staff_id         bigint,
    -- 1 (very unsatisfied) .. 5 (very satisfied).
    score            smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment          text CHECK (length(comment) <= 4000),
    -- How it was given: inside the chat widget, a confirmed email link, an SMS reply, a survey.
    source           text NOT NULL CHECK (source IN ('chat', 'email_link', 'sms_reply', 'survey')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE SET NULL (conversation_id),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE SET NULL (team_id),
    FOREIGN KEY (library_id, staff_id) REFERENCES staff (library_id, id) ON DELETE SET NULL (staff_id)
);
-- One rating per conversation: a second one replaces the first (the patron changed their mind).
CREATE UNIQUE INDEX csat_rating_conversation ON csat_rating (library_id, conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX csat_rating_created ON csat_rating (library_id, created_at);
