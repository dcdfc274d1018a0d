#!/bin/sh
# Lists every test file under test/ (any depth, e2e excluded), sorted, for `node --test`.
find test -name '*.test.ts' -not -path 'test/e2e/*' | LC_ALL=C sort
