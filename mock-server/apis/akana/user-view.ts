import type { User } from '../../domain/user-store';
import type { components } from '../../generated/akana';

export type AkanaUser = components['schemas']['User'];

/** First name and the rest, as Akana's FirstName and LastName; the mock keeps one name. */
export function splitName(name: string): { FirstName: string; LastName: string } {
  const [first = '', ...rest] = name.split(' ');
  return { FirstName: first, LastName: rest.join(' ') };
}

export const joinName = (first?: string, last?: string): string => [first, last].filter(Boolean).join(' ');

/** The UserID of /api/users/{UserID}: the decimal admin id (the spec says why). */
export const userId = (user: User): string => String(user.id);

/** A user as Akana's getUser sample shows one, from what the mock keeps. */
export function userView(user: User): AkanaUser {
  return {
    UserID: userId(user),
    UserName: user.username ?? user.email,
    ...splitName(user.name),
    AuthIdentifier: '',
    Visibility: '0',
    Email: user.email,
    Title: '',
    Industry: '',
    Language: [],
    Technology: [],
    Favorites: '',
    HasPicture: false,
    State: user.status === 'pending' ? 'pending_validation' : 'registered',
    Domain: 'Local Domain',
    Disabled: user.status === 'suspended',
  };
}
