//! Survey responses: the comment and every free-text answer go with the bodies, the
//! "contact me" answer (email, phone) with the identities. Scores, context answers, source,
//! language and times stay, so results (and the rollups, never touched) are unchanged.
//! A response tied to no conversation (the respondent did not ask to be contacted) is
//! stripped the same way once older than the retention limit. A patron's responses are the
//! ones that opened their conversations and the ones whose "contact me" answer gives one of
//! their addresses (without consent, so no conversation): erasure strips and export lists
//! both. Anonymous responses cannot be told apart, so they only expire.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE survey_response
            SET comment = NULL,
                answers = (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM jsonb_each(answers) AS e(k, v)
                            WHERE v->>'type' IS DISTINCT FROM 'text')
          WHERE library_id = $1 AND conversation_id = ANY($2)
            AND (comment IS NOT NULL OR jsonb_path_exists(answers, '$.* ? (@.type == \"text\")'))",
    ),
    identities: Some(
        "UPDATE survey_response
            SET answers = (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM jsonb_each(answers) AS e(k, v)
                            WHERE v->>'type' IS DISTINCT FROM 'contact')
          WHERE library_id = $1 AND conversation_id = ANY($2)
            AND jsonb_path_exists(answers, '$.* ? (@.type == \"contact\")')",
    ),
    contact: Some(
        "UPDATE survey_response r
            SET comment = NULL,
                answers = (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM jsonb_each(r.answers) AS e(k, v)
                            WHERE v->>'type' IS DISTINCT FROM 'text' AND v->>'type' IS DISTINCT FROM 'contact')
          WHERE r.library_id = $1
            AND EXISTS (SELECT 1 FROM contact_identity ci, jsonb_each(r.answers) AS e(k, v)
                         WHERE ci.library_id = $1 AND ci.contact_id = ANY($2) AND v->>'type' = 'contact'
                           AND ci.address IN (lower(v->>'email'), v->>'phone'))",
    ),
    expire: Some(
        "UPDATE survey_response
            SET comment = NULL,
                answers = (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM jsonb_each(answers) AS e(k, v)
                            WHERE v->>'type' IS DISTINCT FROM 'text' AND v->>'type' IS DISTINCT FROM 'contact')
          WHERE library_id = $1 AND submitted_at < $2
            AND (comment IS NOT NULL OR jsonb_path_exists(answers, '$.* ? (@.type == \"text\" || @.type == \"contact\")'))",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', r.id, 'survey', s.name, 'conversation_id', r.conversation_id, 'source', r.source,
                    'language', r.language, 'submitted_at', r.submitted_at, 'answers', r.answers,
                    'comment', r.comment) ORDER BY r.id), '[]')
           FROM survey_response r
           JOIN survey s ON s.library_id = r.library_id AND s.id = r.survey_id
          WHERE r.library_id = $1
            AND (r.conversation_id IN (SELECT id FROM conversation WHERE library_id = $1 AND contact_id = ANY($2))
                 OR EXISTS (SELECT 1 FROM contact_identity ci, jsonb_each(r.answers) AS e(k, v)
                             WHERE ci.library_id = $1 AND ci.contact_id = ANY($2) AND v->>'type' = 'contact'
                               AND ci.address IN (lower(v->>'email'), v->>'phone')))",
    ),
    ..Step::new("survey_response")
};
