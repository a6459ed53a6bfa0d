## tests/unit: cmocka tests of the engine.
if HAVE_CMOCKA
endif
