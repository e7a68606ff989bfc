# povstat: PGXS build.
#
#   make                 build the module and the install script
#   make install         install into the PostgreSQL that pg_config names
#   make installcheck    run the pg_regress suite against $PGHOST/$PGPORT
#   make test            everything the README's test command runs (scripts/test.sh)
#   make demo            the README's main job (scripts/demo.sh)
#   make werror          build with warnings as errors (what CI does)
#   make fuzz            fuzz every state type's parsers (doc/robustness.md)
#   make sanitize        the whole suite with the module under UBSan
#                        (SANITIZE=address: server and module under ASan+UBSan;
#                        SANITIZE=valgrind: pg_regress+pgTAP under Memcheck)

EXTENSION  = povstat
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" povstat.control)

MODULE_big = povstat
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PGFILEDESC = "povstat - poverty statistics for PostgreSQL"

# The install script is assembled from one fragment per concern (src/sql/NN_*.sql,
# numbered in the order of src/), so each concern's SQL sits beside its C code.
SQL_PARTS  = $(sort $(wildcard src/sql/*.sql))
DATA_built = povstat--$(EXTVERSION).sql
DATA       = $(wildcard update/povstat--*--*.sql)

SHLIB_LINK += -lroaring -lm

# pg_regress: "setup" creates the extension; the other tests follow in name order.
REGRESS      = setup $(filter-out setup,$(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=.

PG_CPPFLAGS = -Isrc
ifdef WERROR
PG_CFLAGS += -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
endif

EXTRA_CLEAN = results regression.diffs regression.out povstat--$(EXTVERSION).sql

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

povstat--$(EXTVERSION).sql: $(SQL_PARTS) povstat.control
	cat $(SQL_PARTS) > $@

.PHONY: test demo werror
werror:
	$(MAKE) WERROR=1

test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

.PHONY: fuzz sanitize
fuzz:		# libFuzzer over every state type (fuzz/Makefile; FUZZ_TIME=20 s each)
	$(MAKE) -C fuzz fuzz
sanitize:	# whole suite, module under UBSan; SANITIZE=address|valgrind: PostgreSQL built for it (doc/robustness.md)
	bash scripts/sanitize.sh
