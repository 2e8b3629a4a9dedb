select format('%s admin, %s instructor%s, %s student%s',
              count(*) filter (where role = 'admin'),
              count(*) filter (where role = 'instructor'),
              case when count(*) filter (where role = 'instructor') = 1 then '' else 's' end,
              count(*) filter (where role = 'student'),
              case when count(*) filter (where role = 'student') = 1 then '' else 's' end)
  from users;
