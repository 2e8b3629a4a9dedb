import static io.github.lmsdb.it.ItSupport.*

// The same entities as generate-entities-boot3 (Hibernate 6.6): the same schema, asserted statement by statement in both.
def files = new File(basedir, 'migrations').list().findAll { it.contains('CreateLibrary') }.sort()
assert files.size() == 2 : files
def up = new File(basedir, 'migrations/' + files[1]).text
assertLogContains(basedir, ', DDL by Hibernate ORM 7.', '(the project\'s) for PostgreSQL 15',
    '[INFO] Naming: spring.jpa.hibernate.naming in application.yml: physical CamelCaseToUnderscoresNamingStrategy, implicit SpringImplicitNamingStrategy',
    '[INFO] Bean validation: @NotNull, @NotBlank, @NotEmpty, @Size(max), @Digits, @Min/@Max and similar are applied to the DDL, as Hibernate does when the application starts (validation mode AUTO)',
    '[INFO] Running migration 1/1: CreateLibrary...',
    // The third build, on the migrated database: Bean Validation's constraints give no false diff.
    '[INFO] No changes detected')
assert !new File(basedir, 'migrations').list().any { it.contains('Again') }
assertLogLacks(basedir, 'BUILD FAILURE', 'HHH')
new File(basedir, 'schema.sql').text = up.readLines().findAll { !it.startsWith('--') }.join('\n')
[
    'create table public.book (',
    'main_author_id bigint not null',
    'catalogue_id uuid',
    'list_price numeric(8,2)',
    'published_at timestamp with time zone',
    'featured boolean not null',
    'status character varying(20) not null',
    'create table public.book_tags (',   // Boot's implicit naming: owning table + attribute
    'create sequence public.book_seq',
    'create table public.author (',
    'full_name character varying(200) not null',   // @NotNull @Size(max = 200)
    'title character varying(300) not null',       // @NotBlank @Size(max = 300)
    'pages integer not null',                      // @NotNull @Min(1)
    'rating integer,',
    'weight_kg numeric(7,3)',                      // @Digits(integer = 4, fraction = 3)
    'add constraint book_pages_check CHECK ((pages >= 1));',
    'birth_date date',
    'CREATE INDEX idx_book_published_at ON public.book USING btree (published_at);',
].each { assert up.contains(it) : it + '\n' + up }
// @Min(0) @Max(5): one check, its two terms in an order that varies from run to run.
assert up =~ /book_rating_check CHECK \(\(\(rating (<= 5|>= 0)\) AND \(rating (<= 5|>= 0)\)\)\)/ : up
assert up =~ /book_status_check CHECK .*DRAFT.*PUBLISHED.*OUT_OF_PRINT/ : up
return true
