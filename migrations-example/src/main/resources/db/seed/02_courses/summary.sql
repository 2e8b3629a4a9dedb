select format('%s published, %s free, %s categories, %s instructors',
              count(*) filter (where status = 'published'), count(*) filter (where price = 0),
              count(distinct category), count(distinct instructor_id))
  from courses;
