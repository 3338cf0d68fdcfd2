package io.tributary.service.security;

/** What a request needs before it is served. */
enum Access {
  /** Anyone: health probes, and the sign-in page where it holds no data. */
  OPEN,
  /** A viewer or an operator. */
  VIEWER,
  /** An operator only. */
  OPERATOR
}
