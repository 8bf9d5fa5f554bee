"""The public surface is exactly the intended names."""

import sitroom


def test_all_is_the_intended_surface():
    assert sorted(sitroom.__all__) == sorted([
        "ActorRef", "Claim", "DateRange", "Document", "EventReport", "Location", "Modality",
        "Options", "Pipeline", "SitroomError", "extract",
    ])
    for name in sitroom.__all__:
        assert hasattr(sitroom, name)
