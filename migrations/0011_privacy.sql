-- Patrons and privacy: retention per library, what retention has done to a conversation,
-- patron profiles (consent history, lifecycle, merges), and SMS opt-outs kept as a keyed
-- hash instead of the number itself.

-- Each library's retention choices. A library without a row gets the defaults (365 days,
-- nothing kept longer): privacy by default, never unlimited.
CREATE TABLE privacy_policy (
    library_id             bigint PRIMARY KEY REFERENCES library (id),
    -- Resolved conversations older than this are anonymised completely.
    retention_days         integer NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 1 AND 3650),
    -- Free text (bodies, HTML, subjects, attachments, ratings' comments) may go sooner.
    body_days              integer CHECK (body_days BETWEEN 1 AND 3650),
    -- Who it was (addresses, names, provider ids, IPs) may go sooner.
    identity_days          integer CHECK (identity_days BETWEEN 1 AND 3650),
    -- A patron with no contact for this long counts as lapsed.
    lapsed_after_days      integer NOT NULL DEFAULT 365 CHECK (lapsed_after_days BETWEEN 1 AND 3650),
    -- Where patrons ask for export or erasure (shown on the privacy page).
    contact_email          text CHECK (length(contact_email) <= 200),
    contact_text           text CHECK (length(contact_text) <= 2000),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

-- What retention or erasure has already removed from a conversation (the markers that make
-- the job idempotent and resumable: a batch sets them in the same transaction).
-- A conversation resolved again after it was anonymised (the patron wrote back) is due again.
-- The retention queries repeat these predicates word for word so the planner uses the
-- indexes; they name no per-message column, so ingest's updates stay HOT.
ALTER TABLE conversation ADD COLUMN bodies_removed_at timestamptz;
ALTER TABLE conversation ADD COLUMN identities_removed_at timestamptz;
CREATE INDEX conversation_bodies_due ON conversation (library_id, resolved_at)
    WHERE status = 'resolved' AND (bodies_removed_at IS NULL OR bodies_removed_at < resolved_at);
CREATE INDEX conversation_identities_due ON conversation (library_id, resolved_at)
    WHERE status = 'resolved' AND (identities_removed_at IS NULL OR identities_removed_at < resolved_at);

-- Patron profile.
ALTER TABLE contact ADD COLUMN patron_type text CHECK (length(patron_type) <= 60);
ALTER TABLE contact ADD COLUMN home_branch text CHECK (length(home_branch) <= 100);
ALTER TABLE contact ADD COLUMN lifecycle_stage text NOT NULL DEFAULT 'new'
    CHECK (lifecycle_stage IN ('new', 'returning', 'lapsed'));
ALTER TABLE contact ADD COLUMN lifecycle_changed_at timestamptz NOT NULL DEFAULT now();
-- Set while the contact is merged into another one (undone by a split).
ALTER TABLE contact ADD COLUMN merged_into bigint;
-- Set when retention or erasure removed who the patron was.
ALTER TABLE contact ADD COLUMN anonymised_at timestamptz;
ALTER TABLE contact ADD CONSTRAINT contact_merged_into_fkey
    FOREIGN KEY (library_id, merged_into) REFERENCES contact (library_id, id);
CREATE INDEX contact_merged_into ON contact (library_id, merged_into) WHERE merged_into IS NOT NULL;
-- Retention finds patrons not seen for a while among those not yet anonymised.
CREATE INDEX contact_retention ON contact (library_id, last_contact_at) WHERE anonymised_at IS NULL;

-- Consent history: what the patron agreed to or refused, when and how. The operative SMS
-- opt-out is sms_consent (it must survive erasure); this is the patron-facing record.
CREATE TABLE contact_consent (
    library_id  bigint NOT NULL,
    id          bigint GENERATED ALWAYS AS IDENTITY,
    contact_id  bigint NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('sms', 'survey')),
    granted     boolean NOT NULL,
    -- How: keyword, provider, staff (on the phone, at the desk), patron (a form).
    source      text NOT NULL CHECK (source IN ('keyword', 'provider', 'staff', 'patron')),
    at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, contact_id) REFERENCES contact (library_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_consent_contact ON contact_consent (library_id, contact_id, at);

-- A merge of two contacts and exactly what moved, so a split can undo it. Ids only.
CREATE TABLE contact_merge (
    library_id        bigint NOT NULL,
    id                bigint GENERATED ALWAYS AS IDENTITY,
    from_contact_id   bigint NOT NULL,
    into_contact_id   bigint NOT NULL,
    identity_ids      bigint[] NOT NULL,
    conversation_ids  bigint[] NOT NULL,
    consent_ids       bigint[] NOT NULL,
    staff_id          bigint,
    merged_at         timestamptz NOT NULL DEFAULT now(),
    split_at          timestamptz,
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, from_contact_id) REFERENCES contact (library_id, id),
    FOREIGN KEY (library_id, into_contact_id) REFERENCES contact (library_id, id)
);
CREATE INDEX contact_merge_into ON contact_merge (library_id, into_contact_id);

CREATE INDEX audit_log_subject ON audit_log (library_id, subject_type, subject_id, id DESC);

-- SMS opt-outs as a keyed hash. The key is per library, made here, never leaves the
-- database: an erased patron's number cannot be read back, yet a STOP is still honoured.
CREATE TABLE privacy_key (
    library_id  bigint PRIMARY KEY REFERENCES library (id),
    key         bytea NOT NULL CHECK (length(key) = 32)
);

-- HMAC-SHA256(key, phone) in SQL, so callers never hold the key and the migration below can
-- convert existing rows. The Rust tests check it against the hmac crate.
CREATE FUNCTION privacy_phone_hash(p_key bytea, p_phone text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    k     bytea := p_key || decode(repeat('00', 64 - length(p_key)), 'hex');
    ipad  bytea := k;
    opad  bytea := k;
BEGIN
    FOR i IN 0..63 LOOP
        ipad := set_byte(ipad, i, get_byte(k, i) # 54);
        opad := set_byte(opad, i, get_byte(k, i) # 92);
    END LOOP;
    RETURN sha256(opad || sha256(ipad || convert_to(p_phone, 'UTF8')));
END
$$;

-- The library's key, made on first use (32 random bytes from two v4 UUIDs: 244 random bits).
CREATE FUNCTION privacy_key_for(p_library bigint) RETURNS bytea
LANGUAGE plpgsql AS $$
DECLARE
    v_key bytea;
BEGIN
    SELECT key INTO v_key FROM privacy_key WHERE library_id = p_library;
    IF FOUND THEN
        RETURN v_key;
    END IF;
    INSERT INTO privacy_key (library_id, key)
    VALUES (p_library, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
    ON CONFLICT (library_id) DO NOTHING;
    SELECT key INTO v_key FROM privacy_key WHERE library_id = p_library;
    RETURN v_key;
END
$$;

ALTER TABLE sms_consent ADD COLUMN phone_hash bytea;
UPDATE sms_consent SET phone_hash = privacy_phone_hash(privacy_key_for(library_id), phone);
ALTER TABLE sms_consent DROP CONSTRAINT sms_consent_pkey;
ALTER TABLE sms_consent DROP COLUMN phone;
ALTER TABLE sms_consent ALTER COLUMN phone_hash SET NOT NULL;
ALTER TABLE sms_consent ADD PRIMARY KEY (library_id, phone_hash);
