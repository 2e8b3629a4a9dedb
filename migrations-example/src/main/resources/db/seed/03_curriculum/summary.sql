select format('%s sections, %s lessons, %s hours of content',
              (select count(*) from course_sections), count(*), round(sum(duration_minutes) / 60.0, 1))
  from lessons;
