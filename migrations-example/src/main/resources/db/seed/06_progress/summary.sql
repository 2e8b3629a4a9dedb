select format('%s progress records: %s completed, %s in progress',
              count(*), count(*) filter (where status = 'completed'), count(*) filter (where status = 'in_progress'))
  from user_progress;
