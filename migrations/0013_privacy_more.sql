-- Privacy for the chat, survey and FAQ tables: a CSAT opt-out must outlive the patron's
-- erasure (so they are never asked again), so like sms_consent it keeps only a keyed hash
-- of the address (privacy_phone_hash is HMAC-SHA256 over any text, with the library's key).
ALTER TABLE csat_optout ADD COLUMN address_hash bytea;
UPDATE csat_optout SET address_hash = privacy_phone_hash(privacy_key_for(library_id), address);
ALTER TABLE csat_optout DROP CONSTRAINT csat_optout_pkey;
ALTER TABLE csat_optout DROP COLUMN address;
ALTER TABLE csat_optout ALTER COLUMN address_hash SET NOT NULL;
ALTER TABLE csat_optout ADD PRIMARY KEY (library_id, channel, address_hash);
