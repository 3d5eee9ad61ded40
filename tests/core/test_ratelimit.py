from cma_wagtail.ratelimit import hash_value, hit


def test_rate_limit_allows_up_to_the_limit_then_refuses():
    results = [hit("test", "1.2.3.4", (3, 60)) for _ in range(4)]
    assert [r.allowed for r in results] == [True, True, True, False]
    assert 0 < results[-1].retry_after <= 61


def test_keys_are_independent():
    for _ in range(3):
        hit("test", "a", (3, 60))
    assert not hit("test", "a", (3, 60)).allowed
    assert hit("test", "b", (3, 60)).allowed
    assert hit("other", "a", (3, 60)).allowed


def test_hash_never_contains_the_raw_value():
    digest = hash_value("192.168.1.10")
    assert "192.168" not in digest and len(digest) == 64
    assert digest == hash_value("192.168.1.10")
