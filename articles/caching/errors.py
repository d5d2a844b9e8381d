"""What a cache that cannot be reached raises: Redis errors, or a socket's."""

from redis.exceptions import RedisError

CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)
