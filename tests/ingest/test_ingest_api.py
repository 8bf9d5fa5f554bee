"""The public surface of sitroom.ingest."""

import sitroom.ingest


def test_exported_names():
    assert sorted(sitroom.ingest.__all__) == ["count_sources", "make_document", "read_sources"]


def test_boilerplate_file_is_packaged():
    from importlib import resources
    assert resources.files("sitroom.ingest").joinpath("boilerplate.txt").is_file()
