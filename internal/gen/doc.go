// Package gen generates a whole synthetic convention, deterministic by seed,
// at any scale, and loads it into a store.
//
// At scale 1 it reproduces the published figures of the model convention
// (/work/shared/seed-figures.md): 3,500 overseas talents (63% PhD and 70%
// intending to work in China, as exact quotas; residing in the USA, the UK,
// Canada, Australia, the CIS countries and others), 354 enterprises (50 in
// the Global 500, 335 posting on the O2O platform), 378 delegations (one
// from each of the 34 regions of Regions, cities and zones, and the CIS
// delegation), 10,400 posts over the overseas, high-skilled and video fairs
// (the video fair with remote sessions in Singapore and Tokyo), about
// 33,000 applications, 131,000 visits, 2,100 talent projects, 2,050
// delegation projects plus the CIS delegation's 138, 164 expert-program
// projects, a Chunhui-cup-like contest (420 entries, 107 selected), 3,950
// project dockings, two venues of 50,000 m², 17 events.
//
// Counts the seed does not give are choices: 1,500 high-skilled talents,
// 800 international students, 30 innovation parks, 16 HR firms, 20
// investors, 15 judges, 12 gate agents, 4 organizers, 108 video-fair
// talents (75% PhD), 12 experts and academicians.
//
// Scale multiplies the counts of people, organizations and their activity,
// rounding to nearest with at least one of each kind; the structure
// (venues, halls, booths, fairs, sessions, events, the contest, the CIS
// delegation) does not scale. Scale 0.02 gives a demo of a few dozen
// talents, posts and projects. Three pending organizations wait for
// approval at every scale; they count in no figure.
//
// The convention carries its previous edition too (Previous, previous.go):
// OCS 2016, a year before in Guangzhou, with the seed's 25,000 m² and
// province and city areas this year's over 1.6, and about three fifths of
// this year's people and activity, copied from this year's records. Load
// writes it when LoadOptions.Previous is set (simulate and the demo do),
// after the current edition, which stays current.
//
// Every account has the password DemoPassword; Logins lists one account
// per role with an easy address (organizer@demo.convene.test, ...).
package gen
