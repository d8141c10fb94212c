// What other features may use of accounts: the people, their passwords, sessions, invitations and two-step sign-in.
export {
  bootstrapAdmin,
  needsSetup,
  audit,
  changeUser,
  createUser,
  type UserChange,
  changePassword,
  updateProfile,
  updateLocale,
} from './service.js';
export { ref, typed, withoutControlCharacters, createUserBody, userView, email as emailAddress } from './schemas.js';
export { listUsers, findUserById, findUserByEmail, hasSignedIn } from './repository.js';
export {
  patchUserBody,
  userParams,
  createUserForm,
  editUserForm,
  codeForm,
  passwordOnlyForm,
  passwordChangeForm,
  profileForm,
} from './user-schemas.js';
export { assertInvitationMailPossible, cancelInvitations, createInvitation, invitationLink, sendInvitationMail } from './invitations.js';
export {
  enableMfa,
  enrolmentQr,
  mfaEnabled,
  mfaRoleRequired,
  newMfaSecret,
  remainingRecoveryCodes,
  renewRecoveryCodes,
  turnOffMfa,
} from './mfa.js';
export { identities } from './identity.js';
export { issueToken } from './tokens.js';
export { sessionRecords, rateCounters, sessionSecret, cleanUpSessions } from './sessions.js';
export { peoplePanel, type PeoplePanel } from './home-panel.js';
