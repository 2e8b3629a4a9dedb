do $$ begin create role lmsdb_corpus_reader; exception when duplicate_object then null; end $$;
do $$ begin create role "lmsdb Corpus Writer"; exception when duplicate_object then null; end $$;
