select format('%s courses (%s published, %s free) in %s categories by %s instructors',
              count(*), count(*) filter (where status = 'published'), count(*) filter (where price = 0),
              count(distinct category), count(distinct instructor_id))
  from courses;
