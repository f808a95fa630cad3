import { DomainException } from '#exceptions/domain_exception'

/** A failed job or dead letter that is no longer waiting to be retried (retried meanwhile, expired, or never there) */
export default class QueueJobNotRetryableException extends DomainException {
  static status = 409
  static code = 'E_QUEUE_JOB_NOT_RETRYABLE'
  static title = 'Job not retryable'
  static message = 'This job is not waiting to be retried: it was retried meanwhile, has expired, or does not exist.'
}
