-- What the server writes for a person is kept as catalogue keys with their arguments (JSON) and
-- drawn in the reader's language when read. Rows from before keep only their Chinese text.
ALTER TABLE messages ADD COLUMN title_words TEXT;
ALTER TABLE messages ADD COLUMN body_words TEXT;
ALTER TABLE application_events ADD COLUMN note_words TEXT;
-- The officer's department, whose name the timeline shows in the reader's language.
ALTER TABLE application_events ADD COLUMN actor_department TEXT;
UPDATE application_events SET actor_department = (SELECT department_code FROM staff WHERE staff.id = application_events.actor_id)
    WHERE actor_kind = 'officer';
-- The language an account's texts are written in: zh-CN or en.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'zh-CN';
