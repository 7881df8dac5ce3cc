// Builds what the customer card shows for a track: for a member their history and personal suggestions, for a
// visitor suggestions for their segment and current promotions. Loaded when the person changes, not per frame.
import type { CardData, CardRecommendation } from '../../components/customer-card/customer-card.component';
import { colourFor } from '../../components/face-overlay/face-overlay.component';
import { strings } from '../../i18n/strings';
import type { AppContext } from '../app-context';
import type { TrackView } from './counter-session';

export interface CardInfo {
  readonly trackId: number | undefined;
  readonly data: CardData;
  /** How long the identification took (first detection to decision), for the status and the tests. */
  readonly identifiedAfterMs?: number | undefined;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

function segmentLabel(track: TrackView): string {
  const who = [track.gender ? strings.faces.gender[track.gender] : '', track.ageBand ?? ''].filter(Boolean).join(', ');
  return who ? strings.card.segment(who) : strings.card.promotions;
}

export async function cardFor(context: AppContext, track: TrackView | undefined): Promise<CardInfo> {
  const t = strings.card;
  const base = { recommendationsTitle: t.recommended, recommendations: [] as CardRecommendation[], facts: [] };
  if (!track) return { trackId: undefined, data: { ...base, kind: 'empty', title: '', subtitle: '', colour: '' } };
  const colour = colourFor(track.id);
  const attributeFacts = [
    ...(track.ageBand ? [{ label: strings.settings.age, value: track.ageBand }] : []),
    ...(track.gender ? [{ label: strings.settings.gender, value: strings.faces.gender[track.gender] }] : []),
    ...(track.emotion
      ? [
          {
            label: strings.settings.emotion,
            value: strings.faces.emotion[track.emotion.emotion] ?? track.emotion.emotion,
          },
        ]
      : []),
  ];
  if (track.kind === 'suspect') {
    return {
      trackId: track.id,
      data: { ...base, kind: 'suspect', title: t.suspect, subtitle: '', colour, warning: t.suspectWarning },
    };
  }
  if (track.kind === 'pending') {
    return {
      trackId: track.id,
      data: { ...base, kind: 'pending', title: t.identifying, subtitle: '', colour, facts: attributeFacts },
    };
  }
  if (track.kind === 'member' && track.memberId) {
    const member = context.members.value.get(track.memberId);
    const stats = await context.memberStats(track.memberId);
    const recommendations = member ? await context.recommendForMember(member) : [];
    return {
      trackId: track.id,
      identifiedAfterMs: track.identifiedAfterMs,
      data: {
        ...base,
        kind: 'member',
        title: member?.displayName ?? t.member,
        subtitle: t.member,
        colour,
        facts: [
          { label: t.memberSince, value: member ? dateFormat.format(member.createdAt) : '' },
          { label: t.lastVisit, value: stats.lastVisit ? dateFormat.format(stats.lastVisit) : t.never },
          { label: t.visits, value: String(stats.visits) },
          {
            label: t.favourites,
            value: stats.favouriteCategories.length ? stats.favouriteCategories.join(', ') : t.noneYet,
          },
          ...attributeFacts,
        ],
        recommendations,
      },
    };
  }
  const recommendations = await context.recommendForSegment(track.ageBand, track.gender);
  return {
    trackId: track.id,
    data: {
      ...base,
      kind: 'visitor',
      title: track.visitorId !== undefined ? strings.faces.visitor(track.visitorId) : t.visitor,
      subtitle: t.visitor,
      colour,
      facts: attributeFacts,
      recommendationsTitle: segmentLabel(track),
      recommendations,
    },
  };
}
