// Builds what the customer card shows for a track: for a member their history and personal suggestions, for a
// visitor suggestions for their segment and current promotions. Loaded when the person changes, not per frame.
import type { CardData, CardRecommendation } from '../../components/customer-card/customer-card.component';
import { colourFor } from '../../components/face-overlay/face-overlay.component';
import { dateFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import type { MembersService } from '../services/members-service';
import type { RecommendationService } from '../services/recommendation-service';
import type { SalesService } from '../services/sales-service';
import type { VisitsService } from '../services/visits-service';
import type { TrackView } from './counter-types';

/** What a card is built from. */
export interface CardSources {
  readonly members: Pick<MembersService, 'members'>;
  readonly visits: Pick<VisitsService, 'memberStats'>;
  readonly sales: Pick<SalesService, 'favouriteCategories'>;
  readonly recommendations: Pick<RecommendationService, 'forMember' | 'forSegment'>;
}

export interface CardInfo {
  readonly trackId: number | undefined;
  readonly data: CardData;
  /** How long the identification took (first detection to decision), for the status and the tests. */
  readonly identifiedAfterMs?: number | undefined;
}

const shortDate = () => dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });

function segmentLabel(track: TrackView): string {
  const who = [track.gender ? strings.faces.gender[track.gender] : '', track.ageBand ?? ''].filter(Boolean).join(', ');
  return who ? strings.card.segment(who) : strings.card.promotions;
}

/**
 * Age band, gender and emotion as facts: built from the same track view the overlay draws, on every render, so
 * the card and the overlay never disagree (the rest of the card is only rebuilt when the person changes).
 */
export function attributeFacts(track: TrackView | undefined): CardData['facts'] {
  if (!track || track.kind === 'suspect') return [];
  return [
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
}

/** The card with the track's current attribute facts after the card's own facts. */
export function withLiveAttributes(card: CardInfo | undefined, track: TrackView | undefined): CardData | undefined {
  if (!card || card.trackId === undefined || card.trackId !== track?.id) return card?.data;
  return { ...card.data, facts: [...card.data.facts, ...attributeFacts(track)] };
}

export async function cardFor(sources: CardSources, track: TrackView | undefined): Promise<CardInfo> {
  const t = strings.card;
  const base = { recommendationsTitle: t.recommended, recommendations: [] as CardRecommendation[], facts: [] };
  if (!track) return { trackId: undefined, data: { ...base, kind: 'empty', title: '', subtitle: '', colour: '' } };
  const colour = colourFor(track.id);
  if (track.kind === 'suspect') {
    return {
      trackId: track.id,
      data: { ...base, kind: 'suspect', title: t.suspect, subtitle: '', colour, warning: t.suspectWarning },
    };
  }
  if (track.kind === 'pending') {
    return {
      trackId: track.id,
      data: { ...base, kind: 'pending', title: t.identifying, subtitle: '', colour },
    };
  }
  if (track.kind === 'member' && track.memberId) {
    const member = sources.members.members.value.get(track.memberId);
    const stats = await sources.visits.memberStats(track.memberId);
    const favouriteCategories = member?.loyaltyId ? await sources.sales.favouriteCategories(member.loyaltyId) : [];
    const recommendations = member ? await sources.recommendations.forMember(member) : [];
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
          { label: t.memberSince, value: member ? shortDate().format(member.createdAt) : '' },
          { label: t.lastVisit, value: stats.lastVisit ? shortDate().format(stats.lastVisit) : t.never },
          { label: t.visits, value: String(stats.visits) },
          {
            label: t.favourites,
            value: favouriteCategories.length ? favouriteCategories.join(', ') : t.noneYet,
          },
        ],
        recommendations,
      },
    };
  }
  const recommendations = await sources.recommendations.forSegment(track.ageBand, track.gender);
  return {
    trackId: track.id,
    data: {
      ...base,
      kind: 'visitor',
      title: track.visitorId !== undefined ? strings.faces.visitor(track.visitorId) : t.visitor,
      subtitle: t.visitor,
      colour,
      recommendationsTitle: segmentLabel(track),
      recommendations,
    },
  };
}
