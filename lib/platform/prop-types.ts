/** Run-time types of the platform's own props. Internal. */
import { T } from '../core/validation';

/** DeveloperPortalSignIn (the secret's own check explains a literal). */
export const PORTAL_SIGN_IN_TYPES = T.props({ clientId: T.str });
