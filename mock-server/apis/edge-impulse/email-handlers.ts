import { DomainError } from '../../domain/errors';
import type { TypedHandlers } from '../../http/types';
import type { operations } from '../../generated/edge-impulse';
import { validateEmail } from './email-validation';
import type { EdgeImpulseErrorCode } from './errors';
import { ok, type EdgeImpulseState } from './state';

type EmailOperations = Pick<operations, 'requestEmailVerification' | 'verifyEmail' | 'validateEmail' | 'getEmailVerificationStatus'>;

/** EmailVerificationApi: no authentication, and the address need not have an account. */
export const emailHandlers: TypedHandlers<EmailOperations, EdgeImpulseState> = {
  requestEmailVerification(ctx) {
    const { id } = ctx.state.emailVerifications.request(ctx.params.email, ctx.body.redirectUrl);
    return ok({ id });
  },

  verifyEmail(ctx) {
    const verified = ctx.state.emailVerifications.verify(ctx.body.code);
    const user = ctx.state.accounts.byEmail(verified.email);
    return ok({ email: verified.email, redirectUrl: verified.redirectUrl, ...(user ? { userId: user.id } : {}) });
  },

  validateEmail(ctx) {
    return ok(validateEmail(ctx.body.email));
  },

  getEmailVerificationStatus(ctx) {
    const request = ctx.state.emailVerifications.status(Number(ctx.params.emailId));
    if (!request) throw new DomainError<EdgeImpulseErrorCode>('EMAIL_VERIFICATION_NOT_FOUND', 'No email verification request has this id');
    return ok({ verified: request.verifiedAt !== null });
  },
};
