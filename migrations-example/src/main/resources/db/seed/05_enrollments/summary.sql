select format('%s enrollments: %s active, %s completed, %s cancelled',
              count(*), count(*) filter (where status = 'active'),
              count(*) filter (where status = 'completed'), count(*) filter (where status = 'cancelled'))
  from enrollments;
