-- Adds courses.slug, the unique URL name of a course (e.g. intro-to-sql-42), filled in for existing courses.
ALTER TABLE courses ADD COLUMN slug varchar(200);

-- Existing courses: the title in lower case, runs of other characters turned into '-', then '-' and the id.
UPDATE courses
   SET slug = coalesce(nullif(btrim(left(regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g'), 180), '-'), '') || '-', '')
              || id::text;

ALTER TABLE courses ALTER COLUMN slug SET NOT NULL;
ALTER TABLE courses ADD CONSTRAINT courses_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE courses ADD CONSTRAINT courses_slug_key UNIQUE (slug);
